/**
 * 全国地方公共団体コード: five digits and a check digit, as 総務省 defines it
 * (weights 6, 5, 4, 3, 2; check = 11 − (sum mod 11), last digit of that).
 */
export function isValidMunicipalityCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = digits.slice(0, 5).reduce((acc, digit, i) => acc + digit * (6 - i), 0);
  const check = (11 - (sum % 11)) % 10;
  return check === digits[5];
}
