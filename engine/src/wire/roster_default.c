/* The embedded membership history: every WTO Member with its date of
 * membership, its membership of the European Union and its place on the UN
 * list of least developed countries, each dated, so that the roster of any
 * date from 1995-01-01 to 2024-12-31 can be rebuilt (wv_roster_as_of).
 * The default roster is the one of 30 August 2024 (166 Members).
 *
 * Sources (facts, not code):
 * - Membership and dates of membership: WTO, "Members and Observers"
 *   (https://www.wto.org/english/thewto_e/whatis_e/tif_e/org6_e.htm), as of
 *   30 August 2024: Comoros became the 165th Member on 21 August 2024 and
 *   Timor-Leste the 166th on 30 August 2024. Original Members (Article XI:1
 *   of the Marrakesh Agreement) are dated 1995-01-01. The WTO's own counts
 *   agree with this table: "76 governments became members of the WTO on its
 *   first day" (WTO, 1995; quoted e.g. at https://mbendi.co.za/import/sa/wto.htm),
 *   Nepal the 147th Member on 23 April 2004 (so 147 on 1 May 2004) and
 *   Afghanistan the 164th on 29 July 2016. No Member joined between
 *   30 August 2024 and the end of 2024 (166 Members in December 2024 and in
 *   February 2025, when the Director-General named Comoros and Timor-Leste
 *   as the 2024 accessions); the table stops there: 2024-12-31 is the last
 *   date it covers.
 * - Names: the WTO's English short names from the same list (today's names
 *   on every date: the EU is "European Union", the European Communities
 *   until 30 November 2009).
 * - Codes: ISO 3166-1 alpha-3; the European Union is "EU" (no ISO code);
 *   Chinese Taipei (the Separate Customs Territory of Taiwan, Penghu, Kinmen
 *   and Matsu) is TWN, Hong Kong, China is HKG, Macao, China is MAC.
 * - EU membership (eu): dates of accession to the European Communities /
 *   European Union (Treaties of Rome 1958, accession treaties of 1973, 1981,
 *   1986, 1995, 2004, 2007, 2013); the United Kingdom left on 31 January 2020
 *   (Treaty on European Union, Article 50; Withdrawal Agreement): a member
 *   State until that day, not from 1 February 2020. Member States counted:
 *   15 on 1995-01-01, 25 from 2004-05-01, 27 from 2007-01-01, 28 from
 *   2013-07-01, 27 from 2020-02-01.
 * - LDC status (ldc): the UN list of least developed countries (UN DESA,
 *   Committee for Development Policy, "List of LDCs" and its
 *   graduated countries; UN-OHRLLS), intersected with the WTO membership: 37 Members on
 *   30 August 2024 (WTO, "Least-developed countries",
 *   https://www.wto.org/english/thewto_e/whatis_e/tif_e/org7_e.htm).
 *   LISTED: on the list on every date of its WTO membership covered here.
 *   Changes while a WTO Member: Senegal added on 12 April 2001 (UN press
 *   release GA/9863); graduations (the day the country left the list):
 *   Maldives 1 January 2011, Samoa 1 January 2014, Vanuatu 4 December 2020
 *   (UN-OHRLLS), Solomon Islands 13 December 2024 (General Assembly
 *   decision of 13 December 2018, A/73/L.40/Rev.1: six years after; UN DESA,
 *   "Sao Tome and Principe graduated from LDC status",
 *   https://policy.desa.un.org/themes/cdp-news-and-events/news/sao-tome-and-principe-graduated-from-ldc-status). Cabo Verde
 *   graduated in December 2007, before its WTO membership (2008); Botswana
 *   in December 1994, before its WTO membership (1995); Timor-Leste was
 *   listed in 2003, before its WTO membership (2024). Graduations of
 *   countries that are not WTO Members (Bhutan 13 December 2023, Sao Tome
 *   and Principe 13 December 2024) change no Member here.
 *
 * A span is [from, until): from "" means since before 1995-01-01, until ""
 * means no end by 2024-12-31. Kept sorted by code (byte order): the wire
 * format requires it. */
#include "roster_internal.h"

#define M(code, name, joined, eu, ldc) {code, name, joined, eu, ldc}
#define O "1995-01-01" /* original Member */
#define NEVER {0, "", ""}
#define LISTED {1, "", ""}
#define SINCE(from) {1, from, ""}
#define UNTIL(until) {1, "", until}
#define SPAN(from, until) {1, from, until}

const wv_member_history wv_member_histories[] = {
    M("AFG", "Afghanistan", "2016-07-29", NEVER, LISTED),
    M("AGO", "Angola", "1996-11-23", NEVER, LISTED),
    M("ALB", "Albania", "2000-09-08", NEVER, NEVER),
    M("ARE", "United Arab Emirates", "1996-04-10", NEVER, NEVER),
    M("ARG", "Argentina", O, NEVER, NEVER),
    M("ARM", "Armenia", "2003-02-05", NEVER, NEVER),
    M("ATG", "Antigua and Barbuda", O, NEVER, NEVER),
    M("AUS", "Australia", O, NEVER, NEVER),
    M("AUT", "Austria", O, SINCE("1995-01-01"), NEVER),
    M("BDI", "Burundi", "1995-07-23", NEVER, LISTED),
    M("BEL", "Belgium", O, SINCE("1958-01-01"), NEVER),
    M("BEN", "Benin", "1996-02-22", NEVER, LISTED),
    M("BFA", "Burkina Faso", "1995-06-03", NEVER, LISTED),
    M("BGD", "Bangladesh", O, NEVER, LISTED),
    M("BGR", "Bulgaria", "1996-12-01", SINCE("2007-01-01"), NEVER),
    M("BHR", "Bahrain, Kingdom of", O, NEVER, NEVER),
    M("BLZ", "Belize", O, NEVER, NEVER),
    M("BOL", "Bolivia, Plurinational State of", "1995-09-12", NEVER, NEVER),
    M("BRA", "Brazil", O, NEVER, NEVER),
    M("BRB", "Barbados", O, NEVER, NEVER),
    M("BRN", "Brunei Darussalam", O, NEVER, NEVER),
    M("BWA", "Botswana", "1995-05-31", NEVER, NEVER),
    M("CAF", "Central African Republic", "1995-05-31", NEVER, LISTED),
    M("CAN", "Canada", O, NEVER, NEVER),
    M("CHE", "Switzerland", "1995-07-01", NEVER, NEVER),
    M("CHL", "Chile", O, NEVER, NEVER),
    M("CHN", "China", "2001-12-11", NEVER, NEVER),
    M("CIV", "C\xc3\xb4te d'Ivoire", O, NEVER, NEVER),
    M("CMR", "Cameroon", "1995-12-13", NEVER, NEVER),
    M("COD", "Democratic Republic of the Congo", "1997-01-01", NEVER, LISTED),
    M("COG", "Congo", "1997-03-27", NEVER, NEVER),
    M("COL", "Colombia", "1995-04-30", NEVER, NEVER),
    M("COM", "Comoros", "2024-08-21", NEVER, LISTED),
    M("CPV", "Cabo Verde", "2008-07-23", NEVER, UNTIL("2007-12-20")),
    M("CRI", "Costa Rica", O, NEVER, NEVER),
    M("CUB", "Cuba", "1995-04-20", NEVER, NEVER),
    M("CYP", "Cyprus", "1995-07-30", SINCE("2004-05-01"), NEVER),
    M("CZE", "Czech Republic", O, SINCE("2004-05-01"), NEVER),
    M("DEU", "Germany", O, SINCE("1958-01-01"), NEVER),
    M("DJI", "Djibouti", "1995-05-31", NEVER, LISTED),
    M("DMA", "Dominica", O, NEVER, NEVER),
    M("DNK", "Denmark", O, SINCE("1973-01-01"), NEVER),
    M("DOM", "Dominican Republic", "1995-03-09", NEVER, NEVER),
    M("ECU", "Ecuador", "1996-01-21", NEVER, NEVER),
    M("EGY", "Egypt", "1995-06-30", NEVER, NEVER),
    M("ESP", "Spain", O, SINCE("1986-01-01"), NEVER),
    M("EST", "Estonia", "1999-11-13", SINCE("2004-05-01"), NEVER),
    M("EU", "European Union", O, NEVER, NEVER),
    M("FIN", "Finland", O, SINCE("1995-01-01"), NEVER),
    M("FJI", "Fiji", "1996-01-14", NEVER, NEVER),
    M("FRA", "France", O, SINCE("1958-01-01"), NEVER),
    M("GAB", "Gabon", O, NEVER, NEVER),
    M("GBR", "United Kingdom", O, SPAN("1973-01-01", "2020-02-01"), NEVER),
    M("GEO", "Georgia", "2000-06-14", NEVER, NEVER),
    M("GHA", "Ghana", O, NEVER, NEVER),
    M("GIN", "Guinea", "1995-10-25", NEVER, LISTED),
    M("GMB", "The Gambia", "1996-10-23", NEVER, LISTED),
    M("GNB", "Guinea-Bissau", "1995-05-31", NEVER, LISTED),
    M("GRC", "Greece", O, SINCE("1981-01-01"), NEVER),
    M("GRD", "Grenada", "1996-02-22", NEVER, NEVER),
    M("GTM", "Guatemala", "1995-07-21", NEVER, NEVER),
    M("GUY", "Guyana", O, NEVER, NEVER),
    M("HKG", "Hong Kong, China", O, NEVER, NEVER),
    M("HND", "Honduras", O, NEVER, NEVER),
    M("HRV", "Croatia", "2000-11-30", SINCE("2013-07-01"), NEVER),
    M("HTI", "Haiti", "1996-01-30", NEVER, LISTED),
    M("HUN", "Hungary", O, SINCE("2004-05-01"), NEVER),
    M("IDN", "Indonesia", O, NEVER, NEVER),
    M("IND", "India", O, NEVER, NEVER),
    M("IRL", "Ireland", O, SINCE("1973-01-01"), NEVER),
    M("ISL", "Iceland", O, NEVER, NEVER),
    M("ISR", "Israel", "1995-04-21", NEVER, NEVER),
    M("ITA", "Italy", O, SINCE("1958-01-01"), NEVER),
    M("JAM", "Jamaica", "1995-03-09", NEVER, NEVER),
    M("JOR", "Jordan", "2000-04-11", NEVER, NEVER),
    M("JPN", "Japan", O, NEVER, NEVER),
    M("KAZ", "Kazakhstan", "2015-11-30", NEVER, NEVER),
    M("KEN", "Kenya", O, NEVER, NEVER),
    M("KGZ", "Kyrgyz Republic", "1998-12-20", NEVER, NEVER),
    M("KHM", "Cambodia", "2004-10-13", NEVER, LISTED),
    M("KNA", "Saint Kitts and Nevis", "1996-02-21", NEVER, NEVER),
    M("KOR", "Korea, Republic of", O, NEVER, NEVER),
    M("KWT", "Kuwait, the State of", O, NEVER, NEVER),
    M("LAO", "Lao People's Democratic Republic", "2013-02-02", NEVER, LISTED),
    M("LBR", "Liberia", "2016-07-14", NEVER, LISTED),
    M("LCA", "Saint Lucia", O, NEVER, NEVER),
    M("LIE", "Liechtenstein", "1995-09-01", NEVER, NEVER),
    M("LKA", "Sri Lanka", O, NEVER, NEVER),
    M("LSO", "Lesotho", "1995-05-31", NEVER, LISTED),
    M("LTU", "Lithuania", "2001-05-31", SINCE("2004-05-01"), NEVER),
    M("LUX", "Luxembourg", O, SINCE("1958-01-01"), NEVER),
    M("LVA", "Latvia", "1999-02-10", SINCE("2004-05-01"), NEVER),
    M("MAC", "Macao, China", O, NEVER, NEVER),
    M("MAR", "Morocco", O, NEVER, NEVER),
    M("MDA", "Moldova, Republic of", "2001-07-26", NEVER, NEVER),
    M("MDG", "Madagascar", "1995-11-17", NEVER, LISTED),
    M("MDV", "Maldives", "1995-05-31", NEVER, UNTIL("2011-01-01")),
    M("MEX", "Mexico", O, NEVER, NEVER),
    M("MKD", "North Macedonia", "2003-04-04", NEVER, NEVER),
    M("MLI", "Mali", "1995-05-31", NEVER, LISTED),
    M("MLT", "Malta", O, SINCE("2004-05-01"), NEVER),
    M("MMR", "Myanmar", O, NEVER, LISTED),
    M("MNE", "Montenegro", "2012-04-29", NEVER, NEVER),
    M("MNG", "Mongolia", "1997-01-29", NEVER, NEVER),
    M("MOZ", "Mozambique", "1995-08-26", NEVER, LISTED),
    M("MRT", "Mauritania", "1995-05-31", NEVER, LISTED),
    M("MUS", "Mauritius", O, NEVER, NEVER),
    M("MWI", "Malawi", "1995-05-31", NEVER, LISTED),
    M("MYS", "Malaysia", O, NEVER, NEVER),
    M("NAM", "Namibia", O, NEVER, NEVER),
    M("NER", "Niger", "1996-12-13", NEVER, LISTED),
    M("NGA", "Nigeria", O, NEVER, NEVER),
    M("NIC", "Nicaragua", "1995-09-03", NEVER, NEVER),
    M("NLD", "Netherlands", O, SINCE("1958-01-01"), NEVER),
    M("NOR", "Norway", O, NEVER, NEVER),
    M("NPL", "Nepal", "2004-04-23", NEVER, LISTED),
    M("NZL", "New Zealand", O, NEVER, NEVER),
    M("OMN", "Oman", "2000-11-09", NEVER, NEVER),
    M("PAK", "Pakistan", O, NEVER, NEVER),
    M("PAN", "Panama", "1997-09-06", NEVER, NEVER),
    M("PER", "Peru", O, NEVER, NEVER),
    M("PHL", "Philippines", O, NEVER, NEVER),
    M("PNG", "Papua New Guinea", "1996-06-09", NEVER, NEVER),
    M("POL", "Poland", "1995-07-01", SINCE("2004-05-01"), NEVER),
    M("PRT", "Portugal", O, SINCE("1986-01-01"), NEVER),
    M("PRY", "Paraguay", O, NEVER, NEVER),
    M("QAT", "Qatar", "1996-01-13", NEVER, NEVER),
    M("ROU", "Romania", O, SINCE("2007-01-01"), NEVER),
    M("RUS", "Russian Federation", "2012-08-22", NEVER, NEVER),
    M("RWA", "Rwanda", "1996-05-22", NEVER, LISTED),
    M("SAU", "Saudi Arabia, Kingdom of", "2005-12-11", NEVER, NEVER),
    M("SEN", "Senegal", O, NEVER, SINCE("2001-04-12")),
    M("SGP", "Singapore", O, NEVER, NEVER),
    M("SLB", "Solomon Islands", "1996-07-26", NEVER, UNTIL("2024-12-13")),
    M("SLE", "Sierra Leone", "1995-07-23", NEVER, LISTED),
    M("SLV", "El Salvador", "1995-05-07", NEVER, NEVER),
    M("SUR", "Suriname", O, NEVER, NEVER),
    M("SVK", "Slovak Republic", O, SINCE("2004-05-01"), NEVER),
    M("SVN", "Slovenia", "1995-07-30", SINCE("2004-05-01"), NEVER),
    M("SWE", "Sweden", O, SINCE("1995-01-01"), NEVER),
    M("SWZ", "Eswatini", O, NEVER, NEVER),
    M("SYC", "Seychelles", "2015-04-26", NEVER, NEVER),
    M("TCD", "Chad", "1996-10-19", NEVER, LISTED),
    M("TGO", "Togo", "1995-05-31", NEVER, LISTED),
    M("THA", "Thailand", O, NEVER, NEVER),
    M("TJK", "Tajikistan", "2013-03-02", NEVER, NEVER),
    M("TLS", "Timor-Leste", "2024-08-30", NEVER, SINCE("2003-12-18")),
    M("TON", "Tonga", "2007-07-27", NEVER, NEVER),
    M("TTO", "Trinidad and Tobago", "1995-03-01", NEVER, NEVER),
    M("TUN", "Tunisia", "1995-03-29", NEVER, NEVER),
    M("TUR", "T\xc3\xbcrkiye", "1995-03-26", NEVER, NEVER),
    M("TWN", "Chinese Taipei", "2002-01-01", NEVER, NEVER),
    M("TZA", "Tanzania", O, NEVER, LISTED),
    M("UGA", "Uganda", O, NEVER, LISTED),
    M("UKR", "Ukraine", "2008-05-16", NEVER, NEVER),
    M("URY", "Uruguay", O, NEVER, NEVER),
    M("USA", "United States", O, NEVER, NEVER),
    M("VCT", "Saint Vincent and the Grenadines", O, NEVER, NEVER),
    M("VEN", "Venezuela, Bolivarian Republic of", O, NEVER, NEVER),
    M("VNM", "Viet Nam", "2007-01-11", NEVER, NEVER),
    M("VUT", "Vanuatu", "2012-08-24", NEVER, UNTIL("2020-12-04")),
    M("WSM", "Samoa", "2012-05-10", NEVER, UNTIL("2014-01-01")),
    M("YEM", "Yemen", "2014-06-26", NEVER, LISTED),
    M("ZAF", "South Africa", O, NEVER, NEVER),
    M("ZMB", "Zambia", O, NEVER, LISTED),
    M("ZWE", "Zimbabwe", "1995-03-05", NEVER, NEVER),
};

const size_t wv_member_history_count =
    sizeof wv_member_histories / sizeof wv_member_histories[0];

/* The dates the table covers, and the date of the default roster. */
const char wv_history_first[] = "1995-01-01";
const char wv_history_last[] = "2024-12-31";
const char wv_default_as_of[] = "2024-08-30";
