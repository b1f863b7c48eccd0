export const EMPTY_TEMPLATE = 'fq_template_empty';
export const DEMO_TEMPLATE = 'fq_template_demo';
export const TEST_DEMO_PASSWORD = 'fengqiao-demo';
