// A tagged template for building HTML from API data without opening a door to XSS.
// Every value put into html`…` is escaped, except what trusted() wraps: the API's rich
// text, which Wagtail has already reduced to safe HTML. Arrays are joined; null,
// undefined and false render nothing, so `${cond && html`…`}` works.

const TRUSTED = Symbol("trusted HTML");

export function trusted(markup) {
  return { [TRUSTED]: markup ?? "" };
}

function render(value) {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (value[TRUSTED] !== undefined) return value[TRUSTED];
  return String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function html(strings, ...values) {
  return trusted(strings.reduce((out, string, i) => out + render(values[i - 1]) + string));
}

export function mount(element, fragment) {
  element.innerHTML = render(fragment);
}
