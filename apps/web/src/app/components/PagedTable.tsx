import { Alert, Table, type TableColumnsType } from 'antd';
import { errorText } from '../feedback';
import { useI18n } from '../i18n/I18nProvider';
import type { QueryResult } from '../useQuery';

export interface PageState {
  page: number;
  pageSize: number;
}

interface Props<T> {
  /** A page of the list as the API answers it (`{ items, total }`). */
  list: QueryResult<{ items: T[]; total: number }>;
  columns: TableColumnsType<T>;
  page: PageState;
  /** A new page, or the first page of a new page size. */
  onPage: (next: PageState) => void;
  /** Phone layout: a simple pager and no sideways scrolling (the columns are the phone's own). */
  narrow?: boolean;
  'data-testid'?: string;
}

/** The list pages' table: its load error above it, server-side paging, the total, phone-friendly on narrow screens. */
export function PagedTable<T extends { id: number }>({ list, columns, page, onPage, narrow = false, 'data-testid': testId }: Props<T>) {
  const { t } = useI18n();
  return (
    <>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={narrow ? undefined : { x: 'max-content' }}
        data-testid={testId}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: !narrow,
          simple: narrow,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => onPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
    </>
  );
}
