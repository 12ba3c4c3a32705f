// Dates as the extractor finds them: 12/03/2018, 12-03-18, 12.03.2018, 2018-03-12, 12 MAR 2018,
// 12-Mar-2018, March 12, 2018. The first one printed is the receipt's date.

const MONTH = String.raw`(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?`;

export const DATE_PATTERN = new RegExp(
  [
    String.raw`(?<![\d/.-])\d{4}-\d{2}-\d{2}(?![\d])`,
    String.raw`(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d]|[/.-]\d)`,
    String.raw`(?<![\d/.-])\d{1,2}[\s-]${MONTH}[\s-]\d{4}(?!\d)`,
    String.raw`(?<![A-Z])${MONTH}\s\d{1,2},?\s\d{4}(?!\d)`,
  ].join("|"),
  "i",
);
