/**
 * Vehicle identification numbers (ISO 3779 / GB 16735): 17 characters from 0-9 and A-Z without I, O
 * and Q; position 9 is the check digit of the North American rule, which Chinese VINs also use.
 */

// biome-ignore format: a lookup table reads better in rows
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const VIN_SHAPE = /^[0-9A-HJ-NPR-Z]{17}$/;
const MODEL_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789";

/**
 * The check digit ("0"–"9" or "X") of a 17-character VIN; position 9 is ignored.
 * @example vinCheckDigit("1M8GDM9A_KP042788") // "X"
 */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    if (i === 8) continue;
    const char = vin.charAt(i);
    const value = char >= "0" && char <= "9" ? char.charCodeAt(0) - 48 : TRANSLITERATION[char];
    if (value === undefined) throw new RangeError(`"${char}" cannot appear in a VIN`);
    sum += value * (WEIGHTS[i] as number);
  }
  const remainder = sum % 11;
  return remainder === 10 ? "X" : String(remainder);
}

/**
 * True when the VIN has the right shape and check digit.
 * @example isValidVin("1M8GDM9AXKP042788") // true
 */
export function isValidVin(vin: string): boolean {
  return VIN_SHAPE.test(vin) && vinCheckDigit(vin) === vin.charAt(8);
}

/**
 * The position-10 code of a model year (30-year cycle; 2026 → "T", 2027 → "V").
 * @example modelYearCode(2026) // "T"
 */
export function modelYearCode(year: number): string {
  return MODEL_YEAR_CODES.charAt((((year - 1980) % 30) + 30) % 30);
}

/**
 * A complete VIN from its parts, check digit filled in.
 * @example buildVin({ wmi: "LSR", descriptor: "A1E2A", modelYear: 2026, plant: "H", serial: 123456 }) // "LSRA1E2A1TH123456"
 */
export function buildVin(parts: {
  wmi: string;
  descriptor: string;
  modelYear: number;
  plant: string;
  serial: number;
}): string {
  if (parts.serial < 0 || parts.serial > 999_999)
    throw new RangeError(`serial ${parts.serial} needs more than 6 digits`);
  const draft = `${parts.wmi}${parts.descriptor}0${modelYearCode(parts.modelYear)}${parts.plant}${String(parts.serial).padStart(6, "0")}`;
  if (draft.length !== 17) throw new RangeError(`VIN parts make ${draft.length} characters, not 17`);
  const vin = `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
  if (!VIN_SHAPE.test(vin)) throw new RangeError(`${vin} has characters a VIN cannot have`);
  return vin;
}
