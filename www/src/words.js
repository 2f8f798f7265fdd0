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
    openSource: (what) => `Mở bài: ${what} (thẻ mới)`,
    notes: 'Ghi chú',
    credit: 'Thực hiện',
    hint: 'Rê chuột, chạm vào biểu đồ hoặc dùng phím mũi tên khi biểu đồ được chọn để xem số liệu từng năm.',
    datasetFailed: 'Không tải được dữ liệu của tiện ích này.',
    datasetFix: 'Nếu bạn là người đặt tiện ích vào trang: kiểm tra tệp dữ liệu theo thông báo dưới đây (chi tiết cũng có trong console của trình duyệt).',
    fallbackNotice: 'Không tải được dữ liệu của tiện ích này; theo cài đặt của trang, đang hiển thị dữ liệu Lạng Sơn có sẵn.',
    startFailed: 'Trình duyệt không chạy được tiện ích (WebAssembly bị chặn hoặc không được hỗ trợ).',
    noElements: 'Trình duyệt này không chạy được tiện ích (không hỗ trợ custom elements). Hãy mở trang bằng một trình duyệt mới hơn.',
    fatal: 'Tiện ích gặp lỗi và đã dừng. Kịch bản của bạn vẫn được giữ.',
    hostFailed: 'Tiện ích không khởi động được trên trang này: một tập lệnh của trang đã thay đổi JavaScript có sẵn của trình duyệt.',
    renderFailed: 'Tiện ích không hiển thị được trên trang này: có thể một tập lệnh của trang đã thay đổi JavaScript có sẵn của trình duyệt.',
    retry: 'Thử lại',
    linkNotice: (msg, first) => `Liên kết chia sẻ không đọc được (${msg.replace(/\.$/, '')}). ${first ? 'Đang hiển thị kịch bản ban đầu của chỉ tiêu.' : 'Đang hiển thị kịch bản hợp lệ gần nhất.'}`,
    indicatorNotice: (msg) => `Không hiển thị được chỉ tiêu này (${msg.replace(/\.$/, '')}). Đang hiển thị chỉ tiêu trước đó.`,
    timeout: (s) => `máy chủ không trả lời sau ${s} giây`,
    stalled: (s) => `máy chủ không gửi xong dữ liệu trong ${s} giây`,
    emptySrc: 'thuộc tính src để trống (chưa ghi địa chỉ tệp dữ liệu)',
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
    openSource: (what) => `Open the article: ${what} (new tab)`,
    notes: 'Notes',
    credit: 'Credit',
    hint: 'Hover or tap the chart, or use the arrow keys when it has focus, to read each year.',
    datasetFailed: 'This widget’s data could not be loaded.',
    datasetFix: 'If you put this widget on the page: check the data file against the message below (the details are also in the browser console).',
    fallbackNotice: 'This widget’s data could not be loaded; as the page asked, the built-in Lạng Sơn data is shown.',
    startFailed: 'This browser cannot run the widget (WebAssembly is blocked or not supported).',
    noElements: 'This browser cannot run the widget (it has no custom elements). Open the page in a newer browser.',
    fatal: 'The widget hit an error and stopped. Your scenario is kept.',
    hostFailed: "The widget cannot start on this page: a script on the page has changed the browser's built-in JavaScript.",
    renderFailed: "The widget cannot show itself on this page: a script on the page may have changed the browser's built-in JavaScript.",
    retry: 'Try again',
    linkNotice: (msg, first) => `The share link could not be read (${msg.replace(/\.$/, '')}). ${first ? "Showing the indicator's starting scenario." : 'Showing the last valid scenario.'}`,
    indicatorNotice: (msg) => `This indicator cannot be shown (${msg.replace(/\.$/, '')}). Showing the one before.`,
    timeout: (s) => `the server did not answer within ${s} seconds`,
    stalled: (s) => `the server did not finish sending the data within ${s} seconds`,
    emptySrc: 'the src attribute is empty (no dataset address given)',
    tooLarge: (mb) => `the file is larger than the ${mb} MB limit`,
    http: (code) => `the server answered with HTTP error ${code}`,
    network: 'the server could not be reached',
    figure: 'Figure',
    tag: { derived: 'worked out', assumption: 'assumption' },
  },
};

/** `vi` or `en` for a language tag (`vi-VN`, `EN`, `en_GB`), else null. */
export function ourLang(tag) {
  const m = /^\s*(vi|en)(?:[-_]|\s*$)/i.exec(String(tag || ''));
  return m ? m[1].toLowerCase() : null;
}

/** The language for a widget: its `lang` attribute (any tag of Vietnamese
 *  or English), else the page's, else Vietnamese. */
export function langOf(el) {
  const own = ourLang(el.getAttribute('lang'));
  if (own) return own;
  // The nearest language around the element (its own, not one of ours, aside).
  const around = el.parentElement && el.parentElement.closest ? el.parentElement.closest('[lang]') : null;
  return ourLang(around && around.getAttribute('lang')) || 'vi';
}
