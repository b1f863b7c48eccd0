import { api, downloadFile } from '../../app/api';

export type ImportKind = 'people' | 'houses' | 'units' | 'rentals';

export interface ImportError {
  row: number;
  column: string;
  header: string;
  rule: string;
  message: string;
}

export interface ImportSummary {
  import: { id: number; kind: ImportKind; fileName: string; status: 'previewed' | 'committed' | 'discarded'; totalRows: number; errorRows: number; createdAt: string };
  columns: { key: string; header: string; required: boolean }[];
  errors: ImportError[];
}

export interface ImportRow {
  row: number;
  data: Record<string, string>;
  errors: ImportError[];
}

export type CommitResult = { rows: number; created: number; updated: number; seconds: number } & Record<string, number>;

export const importsApi = {
  preview: (kind: ImportKind, file: File) => api.upload<ImportSummary>('/api/imports', { kind }, file, file.name),
  summary: (id: number, signal?: AbortSignal) => api.get<ImportSummary>(`/api/imports/${id}`, undefined, signal),
  rows: (id: number, errorsOnly: boolean, signal?: AbortSignal) => api.get<{ items: ImportRow[] }>(`/api/imports/${id}/rows`, { errorsOnly, pageSize: 200 }, signal),
  fixRow: (id: number, row: number, data: Record<string, string>) => api.patch<ImportRow>(`/api/imports/${id}/rows/${row}`, { data }),
  commit: (id: number) => api.post<CommitResult>(`/api/imports/${id}/commit`),
  discard: (id: number) => api.del(`/api/imports/${id}`),
  template: (kind: ImportKind, name: string) => downloadFile(`/api/imports/templates/${kind}`, {}, name),
};
