/* The widget's own chrome words, in Vietnamese (default) and English: the
 * buttons and labels around what the engine presents, and what must be said
 * before the engine runs (loading, a start that failed). Every figure and the
 * words about it come from the engine (src/present.rs). */

export const WORDS = {
  vi: {
    loading: 'Đang tải…',
    indicator: 'Chỉ tiêu',
    language: 'English',
    languageLabel: 'Switch to English',
    themeLabel: 'Giao diện',
    themes: { auto: 'Tự động', light: 'Sáng', dark: 'Tối' },
    presets: 'Kịch bản',
    basis: 'Căn cứ',
    reset: 'Đặt lại',
    viewChart: 'Biểu đồ',
    viewTable: 'Bảng số liệu',
    copyLink: 'Chép liên kết',
    copied: 'Đã chép liên kết',
    copyFailed: 'Không chép được; liên kết ở ô bên dưới',
    png: 'Tải ảnh PNG',
    svg: 'Tải SVG',
    csv: 'Tải CSV',
    more: 'Thêm chỉ số và giả định',
    moreControls: 'Thêm thanh trượt',
    howTitle: 'Giả định và cách tính',
    sources: 'Nguồn',
    notes: 'Ghi chú',
    credit: 'Thực hiện',
    hint: 'Rê chuột, chạm vào biểu đồ hoặc dùng phím mũi tên khi biểu đồ được chọn để xem số liệu từng năm.',
    datasetFailed: 'Không tải được dữ liệu của tiện ích này.',
    datasetFix: 'Nếu bạn là người đặt tiện ích vào trang: kiểm tra tệp dữ liệu theo thông báo dưới đây (chi tiết cũng có trong console của trình duyệt).',
    fallbackNotice: 'Không tải được dữ liệu của tiện ích này; theo cài đặt của trang, đang hiển thị dữ liệu Lạng Sơn có sẵn.',
    startFailed: 'Trình duyệt không chạy được tiện ích (WebAssembly bị chặn hoặc không được hỗ trợ).',
    fatal: 'Tiện ích gặp lỗi và đã dừng. Kịch bản của bạn vẫn được giữ.',
    retry: 'Thử lại',
    linkNotice: (msg) => `Liên kết chia sẻ không đọc được (${msg.replace(/\.$/, '')}). Đang hiển thị kịch bản hợp lệ gần nhất.`,
    timeout: (s) => `máy chủ không trả lời sau ${s} giây`,
    tooLarge: (mb) => `tệp lớn hơn giới hạn ${mb} MB`,
    http: (code) => `máy chủ trả lời lỗi HTTP ${code}`,
    network: 'không kết nối được tới máy chủ',
    figure: 'Số liệu',
    tag: { derived: 'tính từ số liệu', assumption: 'giả định' },
  },
  en: {
    loading: 'Loading…',
    indicator: 'Indicator',
    language: 'Tiếng Việt',
    languageLabel: 'Chuyển sang tiếng Việt',
    themeLabel: 'Theme',
    themes: { auto: 'Auto', light: 'Light', dark: 'Dark' },
    presets: 'Scenario',
    basis: 'Basis',
    reset: 'Reset',
    viewChart: 'Chart',
    viewTable: 'Data table',
    copyLink: 'Copy link',
    copied: 'Link copied',
    copyFailed: 'Could not copy; the link is in the box below',
    png: 'Download PNG',
    svg: 'Download SVG',
    csv: 'Download CSV',
    more: 'More figures and assumptions',
    moreControls: 'More sliders',
    howTitle: 'Assumptions and how they were worked out',
    sources: 'Sources',
    notes: 'Notes',
    credit: 'Credit',
    hint: 'Hover or tap the chart, or use the arrow keys when it has focus, to read each year.',
    datasetFailed: 'This widget’s data could not be loaded.',
    datasetFix: 'If you put this widget on the page: check the data file against the message below (the details are also in the browser console).',
    fallbackNotice: 'This widget’s data could not be loaded; as the page asked, the built-in Lạng Sơn data is shown.',
    startFailed: 'This browser cannot run the widget (WebAssembly is blocked or not supported).',
    fatal: 'The widget hit an error and stopped. Your scenario is kept.',
    retry: 'Try again',
    linkNotice: (msg) => `The share link could not be read (${msg.replace(/\.$/, '')}). Showing the last valid scenario.`,
    timeout: (s) => `the server did not answer within ${s} seconds`,
    tooLarge: (mb) => `the file is larger than the ${mb} MB limit`,
    http: (code) => `the server answered with HTTP error ${code}`,
    network: 'the server could not be reached',
    figure: 'Figure',
    tag: { derived: 'worked out', assumption: 'assumption' },
  },
};

/** The language for a widget: its `lang` attribute, else the page's. */
export function langOf(el) {
  const own = el.getAttribute('lang');
  if (own === 'vi' || own === 'en') return own;
  // The nearest language around the element (its own, not one of ours, aside).
  const around = el.parentElement && el.parentElement.closest ? el.parentElement.closest('[lang]') : null;
  const page = (around && around.getAttribute('lang')) || '';
  return /^en\b/i.test(page) ? 'en' : 'vi';
}
