// How receipts look in the places we generate them for: currency, amounts, tax, dates, shops.
import type { Random } from "./random.js";

export interface Locale {
  readonly id: "my" | "sg" | "us" | "uk" | "eu";
  /** How an amount in cents is printed in the amount column (without or with the currency). */
  readonly amount: (cents: number, withCurrency: boolean) => string;
  readonly currency: string;
  readonly tax: { readonly label: string; readonly rate: number; readonly included: boolean };
  /** Payable line labels. */
  readonly totalLabels: readonly string[];
  /** Rounds the payable amount (Malaysia: to 5 sen), or not. */
  readonly rounds: boolean;
  readonly dateFormats: readonly DateFormat[];
  readonly legalForms: readonly string[];
  readonly streets: readonly string[];
  readonly cities: readonly string[];
}

export type DateFormat = (year: number, month: number, day: number) => string;

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const FULL_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const p2 = (n: number) => String(n).padStart(2, "0");

const dmySlash: DateFormat = (y, m, d) => `${p2(d)}/${p2(m)}/${y}`;
const dmyDash2: DateFormat = (y, m, d) => `${p2(d)}-${p2(m)}-${p2(y % 100)}`;
const dmySlash2: DateFormat = (y, m, d) => `${p2(d)}/${p2(m)}/${p2(y % 100)}`;
const dmyDot: DateFormat = (y, m, d) => `${p2(d)}.${p2(m)}.${y}`;
const dMonY: DateFormat = (y, m, d) => `${d} ${MONTHS[m - 1]} ${y}`;
const dMonDashY: DateFormat = (y, m, d) => `${p2(d)}-${MONTHS[m - 1]}-${y}`;
const mdySlash: DateFormat = (y, m, d) => `${p2(m)}/${p2(d)}/${y}`;
const monthDY: DateFormat = (y, m, d) => `${FULL_MONTHS[m - 1]} ${d}, ${y}`;
const monDY: DateFormat = (y, m, d) => `${MONTHS[m - 1]} ${d}, ${y}`;
export const isoFormat: DateFormat = (y, m, d) => `${y}-${p2(m)}-${p2(d)}`;

/** Thousands with `group`, cents with `decimal`. */
function digits(cents: number, group: string, decimal: string): string {
  const units = String(Math.floor(Math.abs(cents) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${cents < 0 ? "-" : ""}${units}${decimal}${p2(Math.abs(cents) % 100)}`;
}

const prefixed = (symbol: string, space: string) => (cents: number, withCurrency: boolean) =>
  withCurrency
    ? `${cents < 0 ? "-" : ""}${symbol}${space}${digits(Math.abs(cents), ",", ".")}`
    : digits(cents, ",", ".");

export const LOCALES: readonly Locale[] = [
  {
    id: "my",
    amount: prefixed("RM", " "),
    currency: "RM",
    tax: { label: "SST 6%", rate: 6, included: false },
    totalLabels: ["TOTAL", "TOTAL (RM)", "NET TOTAL", "GRAND TOTAL", "TOTAL AMOUNT"],
    rounds: true,
    dateFormats: [dmySlash, dmyDash2, dMonY, dMonDashY],
    legalForms: ["SDN BHD", "SDN. BHD.", "(M) SDN BHD", "ENTERPRISE", "TRADING"],
    streets: [
      "JALAN MERANTI",
      "JALAN TUN RAZAK",
      "JALAN AMPANG",
      "LORONG SENTOSA",
      "JALAN BUNGA RAYA",
      "PERSIARAN MAHSURI",
    ],
    cities: [
      "50400 KUALA LUMPUR",
      "68100 BATU CAVES, SELANGOR",
      "10200 GEORGE TOWN, PULAU PINANG",
      "81700 PASIR GUDANG, JOHOR",
      "47301 PETALING JAYA, SELANGOR",
    ],
  },
  {
    id: "sg",
    amount: prefixed("S$", ""),
    currency: "S$",
    tax: { label: "GST 9%", rate: 9, included: false },
    totalLabels: ["TOTAL", "GRAND TOTAL", "AMOUNT DUE", "NETT TOTAL"],
    rounds: false,
    dateFormats: [dmySlash, dmySlash2, dMonY],
    legalForms: ["PTE LTD", "PTE. LTD.", "LLP"],
    streets: [
      "ORCHARD ROAD",
      "TAMPINES AVENUE 4",
      "NORTH BRIDGE ROAD",
      "JURONG WEST STREET 61",
      "SERANGOON CENTRAL",
    ],
    cities: ["SINGAPORE 238839", "SINGAPORE 529510", "SINGAPORE 188721", "SINGAPORE 640638"],
  },
  {
    id: "us",
    amount: prefixed("$", ""),
    currency: "$",
    tax: { label: "SALES TAX 8%", rate: 8, included: false },
    totalLabels: ["TOTAL", "AMOUNT DUE", "BALANCE DUE", "TOTAL DUE"],
    rounds: false,
    dateFormats: [mdySlash, monthDY, monDY],
    legalForms: ["INC", "LLC", "CO."],
    streets: ["MAIN STREET", "BROADWAY", "MARKET ST", "ELM AVENUE", "SUNSET BLVD"],
    cities: ["SPRINGFIELD, IL 62704", "PORTLAND, OR 97205", "AUSTIN, TX 78701", "ALBANY, NY 12207"],
  },
  {
    id: "uk",
    amount: prefixed("£", ""),
    currency: "£",
    tax: { label: "VAT 20% INCLUDED", rate: 20, included: true },
    totalLabels: ["TOTAL", "TOTAL TO PAY", "BALANCE DUE"],
    rounds: false,
    dateFormats: [dmySlash, dMonY],
    legalForms: ["LTD", "PLC"],
    streets: ["HIGH STREET", "STATION ROAD", "CHURCH LANE", "MILL ROAD", "KING'S ROAD"],
    cities: ["LEEDS LS1 4DY", "BRISTOL BS1 5TR", "YORK YO1 7HH", "OXFORD OX1 2JD"],
  },
  {
    id: "eu",
    amount: (cents, withCurrency) =>
      withCurrency ? `${digits(cents, ".", ",")} €` : digits(cents, ".", ","),
    currency: "€",
    tax: { label: "incl. MwSt 19%", rate: 19, included: true },
    totalLabels: ["SUMME", "TOTAL", "GESAMT"],
    rounds: false,
    dateFormats: [dmyDot, dmySlash],
    legalForms: ["GMBH", "KG", "E.K."],
    streets: ["HAUPTSTRASSE", "BAHNHOFSTRASSE", "MARKTPLATZ", "SCHILLERSTRASSE", "GARTENWEG"],
    cities: ["10115 BERLIN", "80331 MUENCHEN", "50667 KOELN", "20095 HAMBURG"],
  },
];

const SHOP_WORDS = [
  "SRI",
  "MURNI",
  "JAYA",
  "MAJU",
  "BESTARI",
  "GOLDEN",
  "SUNRISE",
  "HARBOUR",
  "MAPLE",
  "NORTHSIDE",
  "CORNER",
  "PRIMA",
  "ALPEN",
  "LINDEN",
  "OAK",
  "CRESCENT",
  "PHOENIX",
  "LOTUS",
  "EMERALD",
  "SILVER",
];
const SHOP_KINDS = [
  "MART",
  "BAKERY",
  "HARDWARE",
  "BOOKSTORE",
  "PHARMACY",
  "CAFE",
  "RESTAURANT",
  "STATIONERY",
  "ELECTRONICS",
  "GROCER",
  "FLORIST",
  "OPTICS",
  "DELI",
];

/** A shop name for a locale: two words, a kind, a legal form. */
export function shopName(rng: Random, locale: Locale): string {
  const first = rng.pick(SHOP_WORDS);
  let second = rng.pick(SHOP_WORDS);
  if (second === first) second = rng.pick(SHOP_WORDS);
  return `${first} ${second} ${rng.pick(SHOP_KINDS)} ${rng.pick(locale.legalForms)}`;
}

export const ITEMS = [
  "MILK 1L",
  "BREAD WHITE",
  "EGGS 10S",
  "COFFEE BEANS 250G",
  "NOTEBOOK A5",
  "BALLPEN BLUE",
  "PARACETAMOL 500MG",
  "HAND SOAP",
  "RICE 5KG",
  "COOKING OIL 2L",
  "SHAMPOO 400ML",
  "USB CABLE",
  "AA BATTERIES 4S",
  "TEA BAGS 100S",
  "APPLES 1KG",
  "CHICKEN RICE",
  "ICED LATTE",
  "CROISSANT",
  "PAINT BRUSH",
  "LED BULB 9W",
  "TISSUE BOX",
  "SUGAR 1KG",
  "PASTA 500G",
  "ORANGE JUICE",
  "HDMI ADAPTER",
];
