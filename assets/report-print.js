// The printable agent report's Print button (a file, not an inline script: the page's
// Content-Security-Policy runs the app's own scripts only).
document.getElementById("print-report")?.addEventListener("click", () => window.print());
