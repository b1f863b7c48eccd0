import { AddressPicker } from '../../places';

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  allowClear?: boolean;
  'data-testid'?: string;
}

/**
 * The standard address (标准地址) of a person, house or unit: the places module's picker, which
 * finds the address from any part of its name and looks up the label of an existing value.
 */
export function AddressField({ onChange, allowClear = false, ...rest }: Props) {
  return <AddressPicker {...rest} allowClear={allowClear} onChange={(id) => onChange?.(id)} />;
}
