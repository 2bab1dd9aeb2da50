// Loads the WASM front end. Kept as a file (not an inline script) so the CSP needs no hash.
import init from "./ledgerline_ui.js";
init();
