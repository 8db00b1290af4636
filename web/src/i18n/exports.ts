// The messages of the spreadsheet exports (components/ExportButton.vue): the button on every list page and on the
// two report pages, the download's progress and its cancel. Merged when the button loads. Vietnamese first; `en`
// is typed against `vi`.
import { i18n } from '.'

const vi = {
  button: 'Xuất Excel',
  buttonLabel: 'Xuất Excel: toàn bộ danh sách theo bộ lọc hiện tại',
  preparing: 'Máy chủ đang chuẩn bị tệp Excel…',
  progress: 'Đang tải về: {received}',
  progressOf: 'Đang tải về: {received} / {total}',
  progressLabel: 'Tiến độ tải tệp Excel',
  cancel: 'Hủy',
  cancelled: 'Đã hủy tải tệp Excel.',
  done: 'Đã tải về {file}.',
}

const en: typeof vi = {
  button: 'Export to Excel',
  buttonLabel: 'Export to Excel: the whole list, as filtered now',
  preparing: 'The server is preparing the Excel file…',
  progress: 'Downloading: {received}',
  progressOf: 'Downloading: {received} of {total}',
  progressLabel: 'Progress of the Excel download',
  cancel: 'Cancel',
  cancelled: 'The Excel download was cancelled.',
  done: 'Downloaded {file}.',
}

const merge = i18n.global.mergeLocaleMessage as (locale: string, messages: Record<string, unknown>) => void
merge('vi', { exports: vi })
merge('en', { exports: en })
