// What other modules use of places: the address picker for their forms and the address types.
export { AddressPicker, type AddressPickerProps } from './components/AddressPicker';
export { placesApi, type Address, type AddressDetail, type AddressMatch, type AddressSummary, type AddressLevel } from './places.api';
export { levelLabel } from './places.labels';
