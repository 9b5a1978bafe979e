"""Pure rules of government sites: identity codes, the 找错 clock, visit counting. No Django here."""
