; A misspelt mnemonic (ACX for ACC).
.chip mesh=4x4
.core 0
  ACX axons=0..1 w=0 cols=2 acc=0
  FIRE neurons=0..1
