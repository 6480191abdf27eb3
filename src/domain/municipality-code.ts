/**
 * 全国地方公共団体コード: five digits and a check digit, as 総務省 defines it
 * (weights 6, 5, 4, 3, 2; check = 11 − (sum mod 11), last digit of that).
 */
export function isValidMunicipalityCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return computeMunicipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/** The check digit that completes five digits into a 全国地方公共団体コード. */
export function computeMunicipalityCheckDigit(firstFive: string): number {
  const sum = [...firstFive].map(Number).reduce((acc, digit, i) => acc + digit * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
}
