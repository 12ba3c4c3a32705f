// Receipts written for this suite (fictional shops; amounts add up unless a case says otherwise).
import type { Vendor } from "./registry.js";

const receipt = (...lines: string[]) => lines.join("\n");

/** A grocery receipt: GST on top, a ROUNDING line of 0.00, paid in cash. */
export const GROCERY = receipt(
  "KEDAI RUNCIT SRI MURNI SDN BHD",
  "(1012345-K)",
  "NO 12, JALAN MERANTI 3,",
  "TAMAN SRI MURNI,",
  "68100 BATU CAVES, SELANGOR",
  "TEL: 03-6189 2210",
  "GST ID: 000812345678",
  "TAX INVOICE",
  "DATE: 14/03/2018   TIME: 19:42",
  "CASHIER: AINA",
  "----------------------------------------",
  "MILO 1KG  1 x 19.90  19.90",
  "GARDENIA BREAD  2 x 3.80  7.60",
  "EGGS GRADE A 30S  1 x 12.50  12.50",
  "----------------------------------------",
  "SUBTOTAL  40.00",
  "GST 6%  2.40",
  "ROUNDING  0.00",
  "TOTAL  42.40",
  "CASH  50.00",
  "CHANGE  7.60",
  "THANK YOU, PLEASE COME AGAIN",
);

/** A bookshop receipt: "RM" amounts with thousands commas. */
export const BOOKSHOP = receipt(
  "PUSTAKA ILMU BOOKSTORE (M) SDN BHD",
  "CO. REG NO: 887766-T",
  "LOT 2-15, WISMA CEMPAKA,",
  "JALAN TUN RAZAK, 50400 KUALA LUMPUR",
  "GST REG: 001122334455",
  "INVOICE NO: PI-55012",
  "DATE: 02-11-2017 15:10",
  "ATLAS DUNIA EDISI 5  1 x 89.00  89.00",
  "KAMUS DWIBAHASA  2 x 45.50  91.00",
  "PRINTER INK SET  1 x 1,150.00  1,150.00",
  "SUB TOTAL  RM 1,330.00",
  "GST @6%  RM 79.80",
  "TOTAL  RM 1,409.80",
  "CASH  RM 1,500.00",
  "CHANGE  RM 90.20",
);

/** A restaurant bill: service tax and a negative 5-sen rounding. */
export const RESTAURANT = receipt(
  "RESTORAN NASI KANDAR BESTARI",
  "JM0765432-U",
  "23, LEBUH CHULIA,",
  "10200 GEORGE TOWN, PULAU PINANG",
  "TEL: 04-261 7788",
  "BILL NO: 000341   TABLE: 7",
  "DATE: 05 JUL 2019  13:05",
  "TEH TARIK  2 x 1.80  3.60",
  "NASI KANDAR AYAM  1 x 9.50  9.50",
  "ROTI CANAI  3 x 1.30  3.90",
  "SUBTOTAL  17.00",
  "SERVICE TAX 6%  1.02",
  "ROUNDING  -0.02",
  "TOTAL  18.00",
  "CASH  20.00",
  "CHANGE  2.00",
);

/** A market stall that is not in the vendor registry; no tax. */
export const FRUIT_STALL = receipt(
  "GERAI BUAH SEGAR PAK ALI",
  "PASAR BESAR SITI KHADIJAH,",
  "15000 KOTA BHARU, KELANTAN",
  "DATE: 21/08/2019",
  "BETIK  1 x 6.00  6.00",
  "PISANG MAS  2 x 4.50  9.00",
  "LIMAU MANIS  1 x 8.50  8.50",
  "SUBTOTAL  23.50",
  "TOTAL  23.50",
  "CASH  30.00",
  "CHANGE  6.50",
);

/** A hardware receipt whose date the OCR misread as 31 April. */
export const HARDWARE_BAD_DATE = receipt(
  "TEGUH HARDWARE TRADING",
  "(002233445-P)",
  "NO 8, JALAN PERUSAHAAN 2,",
  "81700 PASIR GUDANG, JOHOR",
  "TEL: 07-251 4400",
  "DATE: 31/04/2018",
  "PVC PIPE 1/2IN  4 x 6.50  26.00",
  "WALL PLUG 8MM  2 x 3.20  6.40",
  "CEMENT 50KG  2 x 19.80  39.60",
  "SUBTOTAL  72.00",
  "SST 6%  4.32",
  "TOTAL  76.32",
  "CASH  80.00",
  "CHANGE  3.68",
);

/** A hardware receipt with a member discount line the extractor does not read as an item. */
export const HARDWARE_DISCOUNT = receipt(
  "TEGUH HARDWARE TRADING",
  "(002233445-P)",
  "NO 8, JALAN PERUSAHAAN 2,",
  "81700 PASIR GUDANG, JOHOR",
  "TEL: 07-251 4400",
  "DATE: 09/01/2020",
  "PAINT ROLLER 9IN  2 x 15.00  30.00",
  "EMULSION PAINT 5L  1 x 90.00  90.00",
  "MEMBER DISCOUNT 10%  -12.00",
  "SUBTOTAL  108.00",
  "SST 6%  6.48",
  "TOTAL  114.48",
  "CARD  114.48",
);

/** The top half of a torn grocery receipt: no TOTAL line. */
export const TORN = receipt(
  "KEDAI RUNCIT SRI MURNI SDN BHD",
  "(1012345-K)",
  "NO 12, JALAN MERANTI 3,",
  "DATE: 15/03/2018",
  "MILO 1KG  1 x 19.90  19.90",
  "SUGAR 1KG  2 x 2.85  5.70",
);

/** What the extractor gets right on GROCERY, for cases that supply a (tampered) output. */
export const GROCERY_FIELDS = {
  company: "KEDAI RUNCIT SRI MURNI SDN BHD",
  date: "14/03/2018",
  address: "NO 12, JALAN MERANTI 3, TAMAN SRI MURNI, 68100 BATU CAVES, SELANGOR",
  subtotal: "40.00",
  tax: "2.40",
  total: "42.40",
  items: [
    { name: "MILO 1KG", amount: "19.90" },
    { name: "GARDENIA BREAD", amount: "7.60" },
    { name: "EGGS GRADE A 30S", amount: "12.50" },
  ],
};

export const BOOKSHOP_FIELDS = {
  company: "PUSTAKA ILMU BOOKSTORE (M) SDN BHD",
  date: "02-11-2017",
  address: "LOT 2-15, WISMA CEMPAKA, JALAN TUN RAZAK, 50400 KUALA LUMPUR",
  subtotal: "RM 1,330.00",
  tax: "RM 79.80",
  total: "RM 1,409.80",
};

/** A bookshop receipt with a banner above the name, "@" between quantity and price, a month-name date. */
export const BOOKSHOP_BANNER = receipt(
  "*** WELCOME TO PUSTAKA ILMU ***",
  "PUSTAKA ILMU BOOKSTORE (M) SDN BHD",
  "CO. REG NO: 887766-T",
  "LOT 2-15, WISMA CEMPAKA,",
  "JALAN TUN RAZAK, 50400 KUALA LUMPUR",
  "RECEIPT NO: PI-60231",
  "05 DEC 2017  11:20",
  "BUKU LATIHAN SPM  3 @ 12.90  38.70",
  "PEN GEL 0.5MM  10 @ 2.50  25.00",
  "PETA MALAYSIA  1 @ 15.30  15.30",
  "SUB-TOTAL  RM 79.00",
  "GST 6%  RM 4.74",
  "TOTAL  RM 83.74",
  "CASH  RM 100.00",
  "CHANGE  RM 16.26",
);

/**
 * A hardware receipt paid by card: dotted date, NET TOTAL, a column header, an approval code, and
 * a dealer line in the footer that names another company.
 */
export const HARDWARE_CARD = receipt(
  "TEGUH HARDWARE TRADING",
  "CO. REG NO: 002233445-P",
  "NO 8, JALAN PERUSAHAAN 2,",
  "81700 PASIR GUDANG, JOHOR",
  "SST NO: J31-1808-32000123",
  "INV NO: TH-20190812-0042",
  "DATE: 12.08.2019  TIME: 16:45",
  "DESCRIPTION  QTY  PRICE  AMOUNT",
  "GI WIRE 1KG  2 x 8.90  17.80",
  "SAND PAPER #120  10 x 0.80  8.00",
  "MASKING TAPE 24MM  3 x 4.40  13.20",
  "SUBTOTAL  39.00",
  "SST 6%  2.34",
  "NET TOTAL  41.34",
  "VISA  41.34",
  "APPROVAL CODE: 004512",
  "AUTHORISED DEALER OF",
  "KUASA PAINTS SDN BHD",
);

/** A cafe bill: banner first, ISO date, GRAND TOTAL, RM amounts, paid by card. Not in vendors.json. */
export const CAFE = receipt(
  "TAX INVOICE",
  "KOPI SENJA CAFE",
  "(SA0551234-W)",
  "G-07, JALAN SS 15/4,",
  "47500 SUBANG JAYA, SELANGOR",
  "TEL: 03-5612 0909",
  "ORDER: 118   2020-02-14 08:31",
  "CASHIER: MEI LING",
  "ICED LATTE  2 @ 11.50  23.00",
  "KAYA TOAST SET  1 @ 8.90  8.90",
  "SUBTOTAL  RM 31.90",
  "SST 6%  RM 1.91",
  "GRAND TOTAL  RM 33.81",
  "MASTER  RM 33.81",
  "THANK YOU! FOLLOW US @KOPISENJA",
);

/** The cafe's registry entry, as the next registry snapshot will carry it (supplied as case evidence). */
export const CAFE_VENDOR: Vendor = {
  id: "kopi-senja",
  name: "KOPI SENJA CAFE",
  registration: "SA0551234-W",
  address: "G-07, JALAN SS 15/4, 47500 SUBANG JAYA, SELANGOR",
};

/** A grocery receipt with no SUBTOTAL line but TOTAL QTY and TOTAL EXCL. SST lines above the TOTAL. */
export const GROCERY_EXCL = receipt(
  "KEDAI RUNCIT SRI MURNI SDN BHD",
  "(1012345-K)",
  "NO 12, JALAN MERANTI 3,",
  "TAMAN SRI MURNI,",
  "68100 BATU CAVES, SELANGOR",
  "TEL: 03-6189 2210",
  "DATE: 02/06/2019  TIME: 10:15",
  "RECEIPT: 0002211",
  "BERAS SUPERIOR 5KG  1 x 21.90  21.90",
  "MINYAK MASAK 2KG  1 x 11.50  11.50",
  "TEPUNG GANDUM 1KG  2 x 2.60  5.20",
  "TOTAL QTY: 4",
  "TOTAL EXCL. SST  38.60",
  "SST 6%  2.32",
  "TOTAL  40.92",
  "CASH  41.00",
  "CHANGE  0.08",
);

/** A grocery receipt whose long item name wrapped: its quantity and amount are on the next line. */
export const GROCERY_WRAPPED = receipt(
  "KEDAI RUNCIT SRI MURNI SDN BHD",
  "(1012345-K)",
  "NO 12, JALAN MERANTI 3,",
  "TAMAN SRI MURNI,",
  "68100 BATU CAVES, SELANGOR",
  "DATE: 28/09/2019  TIME: 18:02",
  "SUSU PEKAT MANIS 500G  2 x 3.45  6.90",
  "SABUN BASUH CECAIR LAVENDER 3.6KG",
  "    1 x 24.90  24.90",
  "ROTI BAN KELAPA  4 x 1.20  4.80",
  "SUBTOTAL  36.60",
  "SST 6%  2.20",
  "TOTAL  38.80",
  "CASH  50.00",
  "CHANGE  11.20",
);

/** A hardware receipt edited after printing: the SST line was raised from 3.60 to 8.60. */
export const HARDWARE_EDITED_TAX = receipt(
  "TEGUH HARDWARE TRADING",
  "(002233445-P)",
  "NO 8, JALAN PERUSAHAAN 2,",
  "81700 PASIR GUDANG, JOHOR",
  "TEL: 07-251 4400",
  "DATE: 17/10/2019",
  "DRILL BIT SET  1 x 45.00  45.00",
  "GRINDER DISC 4IN  5 x 3.00  15.00",
  "SUBTOTAL  60.00",
  "SST 6%  8.60",
  "TOTAL  63.60",
  "CASH  70.00",
  "CHANGE  6.40",
);

/** A receipt in the hardware shop's name whose registration number is not the registry's. */
export const HARDWARE_WRONG_REG = receipt(
  "TEGUH HARDWARE TRADING",
  "(002233454-P)",
  "NO 8, JALAN PERUSAHAAN 2,",
  "81700 PASIR GUDANG, JOHOR",
  "TEL: 07-251 4400",
  "DATE: 22/11/2019",
  "CORDLESS DRILL 18V  1 x 289.00  289.00",
  "DRILL BIT SET  1 x 45.00  45.00",
  "SUBTOTAL  334.00",
  "SST 6%  20.04",
  "TOTAL  354.04",
  "CASH  360.00",
  "CHANGE  5.96",
);

/** A handwritten-style workshop bill: services without amounts, only a TOTAL; not in the registry. */
export const WORKSHOP = receipt(
  "BENGKEL MOTOR AH SENG",
  "LOT 45, JALAN BESAR,",
  "34000 TAIPING, PERAK",
  "H/P: 012-552 7310",
  "DATE: 03/03/2020",
  "NO. KENDERAAN: AKB 4471",
  "TUKAR MINYAK HITAM & PENAPIS",
  "SERVIS BREK DEPAN",
  "TOTAL  RM 185.00",
  "TUNAI  RM 185.00",
);

/** A German bakery: decimal commas, "€" after the amount, VAT included in the prices, SUMME. */
export const BAKERY_EU = receipt(
  "BAECKEREI LINDENHOF GMBH",
  "HAUPTSTRASSE 14",
  "80331 MUENCHEN",
  "TEL: 089 123456",
  "DATUM: 03.10.2024  09:12",
  "BREZE  2 x 0,95  1,90",
  "ROGGENBROT 1KG  1 x 4,20  4,20",
  "KAFFEE GROSS  1 x 3,40  3,40",
  "SUMME  9,50 €",
  "BAR  10,00 €",
  "RUECKGELD  0,50 €",
  "incl. MwSt 7%  0,62 €",
);

/** A US diner: month-name date, AMOUNT DUE, "$" amounts, paid by card. */
export const DINER_US = receipt(
  "SUNSET GRILL & DINER LLC",
  "1200 SUNSET BLVD",
  "PORTLAND, OR 97205",
  "TEL (503) 555-0142",
  "March 7, 2023  7:45 PM",
  "SERVER: DANA   TABLE 12",
  "PANCAKE STACK  2 x 8.50  17.00",
  "COFFEE  2 x 2.75  5.50",
  "SUBTOTAL  $22.50",
  "SALES TAX 8%  $1.80",
  "AMOUNT DUE  $24.30",
  "VISA ****4821  $24.30",
  "THANK YOU!",
);

/**
 * The grocery's receipt as a poor scan reads it: O/0, I/l/1, S/5 confusions, a dropped space, a
 * footer that repeats the shop's name.
 */
export const GROCERY_NOISY = receipt(
  "KEDAl RUNClT 5RI MURNI SDN BHD",
  "(1012345-K)",
  "N0 12, JALANMERANTI 3,",
  "TAMAN 5RI MURNI,",
  "68100 BATU CAVE5, SELANG0R",
  "TE1: 03-6189 2210",
  "DATE: 20/07/2019   TIME: 11:05",
  "MIL0 1KG  1 x 19.90  19.90",
  "5UGAR 1KG  2 x 2.85  5.70",
  "5UB T0TAL  25.60",
  "G5T 6%  1.54",
  "R0UNDING  0.01",
  "T0TAL  27.15",
  "CA5H  30.00",
  "CHANGE  2.85",
  "THANK Y0U F0R 5H0PPING AT KEDAI RUNCIT SRI MURNI",
);

/** What a careful extractor returns for GROCERY_NOISY: the clean fields. */
export const GROCERY_NOISY_FIELDS = {
  company: "KEDAI RUNCIT SRI MURNI SDN BHD",
  date: "20/07/2019",
  address: "NO 12, JALAN MERANTI 3, TAMAN SRI MURNI, 68100 BATU CAVES, SELANGOR",
  total: "27.15",
};

/** A grocery receipt whose "GST 6%" line holds 5% of the subtotal; the total adds up. */
export const GROCERY_WRONG_RATE = receipt(
  "KEDAI RUNCIT SRI MURNI SDN BHD",
  "(1012345-K)",
  "NO 12, JALAN MERANTI 3,",
  "TAMAN SRI MURNI,",
  "68100 BATU CAVES, SELANGOR",
  "DATE: 05/05/2019",
  "MILO 1KG  1 x 19.90  19.90",
  "EGGS GRADE A 30S  1 x 12.50  12.50",
  "SUBTOTAL  32.40",
  "GST 6%  1.62",
  "TOTAL  34.02",
  "CASH  40.00",
  "CHANGE  5.98",
);

/** A hardware receipt dated in 2099: a misprint or a forgery. */
export const HARDWARE_FUTURE = receipt(
  "TEGUH HARDWARE TRADING",
  "(002233445-P)",
  "NO 8, JALAN PERUSAHAAN 2,",
  "81700 PASIR GUDANG, JOHOR",
  "TEL: 07-251 4400",
  "DATE: 14/02/2099",
  "PVC PIPE 1/2IN  4 x 6.50  26.00",
  "SUBTOTAL  26.00",
  "SST 6%  1.56",
  "TOTAL  27.56",
  "CARD  27.56",
);
