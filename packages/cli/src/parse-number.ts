import { InvalidArgumentError } from 'commander';

/** Commander parser for a finite number; a bad value is a usage error (exit 2) naming the value. */
export function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number))
    throw new InvalidArgumentError(`'${value}' is not a number`);
  return number;
}
