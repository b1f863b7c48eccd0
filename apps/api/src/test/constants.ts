export const EMPTY_TEMPLATE = 'fq_template_empty';
export const DEMO_TEMPLATE = 'fq_template_demo';
export const TEST_DEMO_PASSWORD = 'fengqiao-demo';
/** The identity key of every test server: demo-template identity numbers are encrypted with it. */
export const TEST_DATA_KEY = Buffer.alloc(32, 0x5a);
