; SpikeCore assembly (canonical form; syntax in docs/isa.md, "Assembly")
; mesh 16x8 = 128 cores, 23 used; core c sits at x = c % 16, y = c / 16
.chip mesh=16x8
.model "mlp_784_3_10"
.timesteps 16

; host inputs: the host writes pixel i (0..255) into the bias of input i
.input 0 core=63 slot=0 count=40
.input 40 core=36 slot=0 count=39
.input 79 core=23 slot=0 count=40
.input 119 core=7 slot=0 count=39
.input 158 core=16 slot=0 count=40
.input 198 core=0 slot=0 count=39
.input 237 core=2 slot=0 count=40
.input 277 core=18 slot=0 count=39
.input 316 core=1 slot=0 count=39
.input 355 core=17 slot=0 count=39
.input 394 core=3 slot=0 count=39
.input 433 core=4 slot=0 count=39
.input 472 core=24 slot=0 count=39
.input 511 core=8 slot=0 count=39
.input 550 core=22 slot=0 count=39
.input 589 core=6 slot=0 count=39
.input 628 core=5 slot=0 count=39
.input 667 core=21 slot=0 count=39
.input 706 core=20 slot=0 count=39
.input 745 core=19 slot=0 count=39

; host outputs: score of class k = spike_count * threshold + V of output k
.output 0 core=3 slot=39 count=3
.output 3 core=83 slot=0 count=3
.output 6 core=9 slot=0 count=2
.output 8 core=116 slot=0 count=2

; layers: where each network layer lives (for traces and reports)
.layer input input core=63 slot=0 count=40
.layer input input core=36 slot=0 count=39
.layer input input core=23 slot=0 count=40
.layer input input core=7 slot=0 count=39
.layer input input core=16 slot=0 count=40
.layer input input core=0 slot=0 count=39
.layer input input core=2 slot=0 count=40
.layer input input core=18 slot=0 count=39
.layer input input core=1 slot=0 count=39
.layer input input core=17 slot=0 count=39
.layer input input core=3 slot=0 count=39
.layer input input core=4 slot=0 count=39
.layer input input core=24 slot=0 count=39
.layer input input core=8 slot=0 count=39
.layer input input core=22 slot=0 count=39
.layer input input core=6 slot=0 count=39
.layer input input core=5 slot=0 count=39
.layer input input core=21 slot=0 count=39
.layer input input core=20 slot=0 count=39
.layer input input core=19 slot=0 count=39
.layer 1 hidden core=4 slot=39 count=3
.layer 3 output core=3 slot=39 count=3
.layer 3 output core=83 slot=0 count=3
.layer 3 output core=9 slot=0 count=2
.layer 3 output core=116 slot=0 count=2

; integer reference layer 1 (host only, never loaded)
.reference 1 in=784 out=3 threshold=1355
.refweights 1 0:   65  -56  -25   60 -120   76  -26   65   18  -16   35    6   46  -50   -9  -11   18   -1  111   40  -47  -77  -21  -55  -41    6   76   69 -124   79   35  120  ; output 0
.refweights 1 32:   84 -116 -121  -61  112  -21   54  -59  125  -54   95    2  -67   65  -67   37  -37  -14 -122  -61   69  -31  127  102   -6  -85   77   39  -82   83   77  113
.refweights 1 64:  -71  -21   -2   19  -96  -90   69  -30   62    7   42   28   46   63 -118   64  -89  -96    8  -22   75  -74 -113   92  -19   71   41  -95   26   31  -85  -60
.refweights 1 96:   43   23  -54  -38  116  -24   72   55  -82 -108  122    7   87   26   41   95  120  -84   16   95   92   79  -92  -91  -77   16  127  -80   68  -70 -119  -27
.refweights 1 128:   73  118  -79   28  110   84   79   90   80   33  -87 -107  -58  -15  -78   46   39  -29   49   41   78   86  -43  124  -15   -4 -120  -82  -74  -54   90  -42
.refweights 1 160:  -95   49   41   82  -66   28  -46  -29 -101  -58  -39   54   23   31  127  124   87    4  -88   99  -32  -10 -109  -25  -82  117 -110  -99   -4  -69   45  -49
.refweights 1 192:  -60    7   92  -89   60   82  124  -89   31  -94  108  -49   77    4  -10   -4   22   60   20   39 -114   93  111  105   94  -92  -47  112  -97  115 -100  -89
.refweights 1 224:   62  -91  -29   92  101  120  -26  -99  125  -27  -52   31  -89   83   80 -101 -104  -11   53   -4  -64    3 -119  -90  -85  105  112  -43    6   57   15  -64
.refweights 1 256:   73   78   -7  -16  115  111  -72  124   31  -84   70  -95  117  -82   36   39   30  105  -53  -54 -110   -5  -60    5  -26   42  110   37  -41  -62 -111  107
.refweights 1 288:  -24   26    5  -81   72   71    6  -72  -54    2  -73  -71  -19  -37   31  -33  -17  -48 -116  111   24  114  -20  -32 -119  -48   83 -124  -44   77   73   47
.refweights 1 320:  -25  -10  -24  -47   53  -43  -71   29  -92  -27   65   47  108  -87    1  -38  -71  -71   32   13  -65  -90 -105  124  -22  -29  -47  -64 -116  -75   78   28
.refweights 1 352:  -45  -48   81   92  122   37   61  -10  -74 -124   77  -18   52    6 -119  -62   36  -26 -123   45    5  -41   51   27  -47  114   64   16  -24 -108   98  -33
.refweights 1 384:  -82   81   45   31  -25  -40   22   98   18  -60  126    3  100   31  114   73  -65   89    1 -102  -27 -115  -66  -90   87  -27  -22   61   52  -84   47   54
.refweights 1 416: -101  110  -77  -50 -105  116   24  107    8   69  -41 -101   20  -11  -13  -62    3   36   46 -102   61   13   88   90 -100  122 -125   73    9   60  -69   76
.refweights 1 448:  -63 -112   43   70  126  -13  122   82  -63  -98   71  -70   58 -109   93   38  -15   58  -90  -28    1  -73  -32  -55  121  108  110  104 -122   42   47  -93
.refweights 1 480:   51  -69   20   42  110  -67 -100  118   53   62   46  -45   76 -111   18   57   87  -63  -86   48 -101 -106 -114  -62  -24  -75  -54 -112   78  -29  -80   33
.refweights 1 512:  -95   89   73 -125 -100  -84  -69   16 -126  -94   58  -42  -51 -105   51    9  -49  -78   27   35   56   38  -19  -98   81   -1  -84  110   71 -100  -63  -43
.refweights 1 544:  -73   59  -91  118  -53   75    4  -56   85  -97  -67   15  101  -54  -77  -81  -56  -44  -30  -72   40    1  -83  -73   27   -2   90  -19 -103  -94  -37  -28
.refweights 1 576:   14  -28   47  -42   93   29  -39  113   32  -86  -71   80   58   99  -10   89   63   39  -29  122   26  -33   -2  125   85   -9  125   56  -68 -116   74  119
.refweights 1 608:  -74   52    5  -27  -35   35   28   86   46   58  112   40   19  -46   93   19   82  123  -28   89  -26  115  100  -46    5  -55  -51  -26   -1  -44 -120  -77
.refweights 1 640:  -11  -41   94  103   81   56 -101  120 -112  -42  -89   46 -106  -63  -81  -78  -59  125  -10   39 -126  113  -28 -117   88  -34  115  -86 -118  -95   55  -14
.refweights 1 672: -118   24   -8   46  -65  -91   87  -61   89  103  -89  -59   15 -120   39  -53  -56  -98   59  -81 -102  -33  -71 -123   51  -48   89   89  -81  -74  -45   74
.refweights 1 704:   -4  -45   79  120   94  -97  -26  -24  108  -66  -73    2  -30   48   15  -76   92   79   28 -115   60   84   35  -49    9  -49  120  123  -15  -85   75   65
.refweights 1 736:   67  -96   43  -54 -112  -89   54   48 -111   72   97   96   72  -20   85   99   66  -91  -44  101   97   81  -53  -25  -95  -72   98 -104  -31   27  -76   30
.refweights 1 768:  -20   51  -97   18 -116   79  123  -45   19  -65  -81  -64  -61   24  -15    9
.refweights 1 784:  -97  -80 -110  -91  106   47 -121  -21   10   68  118   31   89  -45   -4  -77   29  117   80  126  -57  -16   26  102 -117  -62   18  -73   47   -9  -33   68  ; output 1
.refweights 1 816:   91  124   58   -3  104  101  -64   58   15  -55  -30  -30  -89  -39   43   93   10 -123   67  -38  113 -123  -30   99   55  -63 -110   -1   49 -105 -106   -2
.refweights 1 848:  -26   82 -123  -20  -98  -19  -65   40 -106 -100  -72 -111   80  -18  -71   89  -29   66  -39 -106   28   79 -124   13   25   15   -3  -39  -99   21  -85 -105
.refweights 1 880:  -41  -87   39   90   99  -79   69   90    1   54   72   97   68   54  -48  -71  -60  105  -31    5 -118   -6  -36  -82   98 -103  -18   -9 -115   77  -40   57
.refweights 1 912:   71  112   31   95  117   25  -26  -35   21   46 -120   95   20 -118   41   81   47  104    3 -105    0   92  -61   54   29  -21    1   54  -87   80   86   71
.refweights 1 944:  127   -6  -90    6  -37   45  107  -70    5  124 -101  -22  123   89   37  -55  -12 -114 -120 -119  122  100   50  -32  109  -34   88   -4  -60  -35  -27 -116
.refweights 1 976:   38  -39   58   81  -20   62   25   85  -82  -11  -42  111 -114  -71   14  113   86 -119  -89  123   19 -109  -40   56  -27  -98  -78  -66   -5   50   61  -62
.refweights 1 1008:  -21  -98   96  127  123   52  -27   -3   46 -110    8 -103 -127   -4  -40  -80   21    5   19  -71 -124    3  -52  -43   94   21   58  -35 -101   25  -84   16
.refweights 1 1040:  -99   96  -87  110   90   96   76   29   -6   -2  -51 -117  116    7   60    5   37  -78  -99   97   48   63 -126    9 -118  -15   -7  -89 -126    1  114  114
.refweights 1 1072:  -77  -23 -106  -99  -35  123  -33    7  119   23  102   84  119   22 -103 -109  -66  105   73   37  -97  -94  104  -13 -126  -16  -30    2   53   49  -97   -1
.refweights 1 1104:  -63   86   63   70  115   62 -127   32  -87   17    1  126  -87 -124  -34   20   93  103   98   40  -36  -27  -69   25  -88   44   82  108 -125  104  -80  -10
.refweights 1 1136:  116   69  -40   75 -124   99  123   -6   21  -30  -80  -57   -8 -104 -103   14  -83  -69   -1  -67  118  -46  -71  -34 -104   65  109  -73  -47  119  -92   34
.refweights 1 1168: -103 -113    0  -72   69  -39    1  -66   52  118  -19  -78 -124  122   54   52   22   64   45   62   79   18  109   79   -4  -57    8   99   80  -51  -27   50
.refweights 1 1200:   48  121   62   40   29 -119  -47   13  -88 -111   86   43 -103    8   75   73  116  -50   57 -103  -16  -81  -24   72   63  -67  -31  -25  -48  -70   93   88
.refweights 1 1232:  106  -70   93  -39  -30  -34   -6  -56   17  -82   52 -107  -46  -89   86   87 -101  -69  114   37   87  -97   57   81  -29   -6   93   35   36    0  -53  -78
.refweights 1 1264:  127  -10  113  104  -66    9  -32   -2   84   70  -72  -63  -90 -108   81  -78    2    0   22   -7   66   17   91   27   -2   18   85   19   89  -12    1  107
.refweights 1 1296: -120   13  116  -64  -23   -8   42   48   29   50  -54   53  -40   80  -37 -108    9   66   -5    2    0   67   10 -113  -91    8  -10  121  -30   97 -107 -121
.refweights 1 1328:  -12  -80  -37   14 -110   87  -77   97   42  -24 -111   21  -71  110 -107  -34  -70  -82  -66  -13    9   22   65  -52  -79  -27  120  -16 -107  100   31   22
.refweights 1 1360:   22   89  -58   93  122  -33   80   70  119  -30  -76  -47  -86    4  122  123   96   13    3   84   75  -13  -32   50   -4  -89  -60  103  106  -49  -27  -63
.refweights 1 1392:  -41  116 -113   61 -114  -61  -26    9  -21  -58  -57  -77  -89  -79  122  -60 -106   87   49   87 -126 -121  -90  -67    0   55   74 -109   51  -73   29   40
.refweights 1 1424:   20   45   -6   84   26  111   28  -67   82    7  123  -14  126  -74   64  -95   87   23   72 -109 -126   61  -52   50  -75  -39    1   76   72  -11  -36   -2
.refweights 1 1456:   65 -108  -39 -122   18  -15   72  101 -109  -56  -20   -1  -29  -80  -49   -3  102  -32   84 -103    6  -99 -119   13  -58   94  100 -126   -9  -22  -72  -89
.refweights 1 1488:  -54   56   30   76   -8   66   25  -28   -7 -116   -3  -42  -43  -51  -28  -94    7   -5  -33  110   85   36  -47   16  -87   89  119  -19   98  119   -8  -47
.refweights 1 1520:    6   21 -118   -8  -46   85   -4   84  113  -40   27  -11  -55  -70    3   39  -22   22   79   53   52   36  -98  -77  -94   83 -112  -95   84   75 -120   73
.refweights 1 1552:  -29   27  -80  -19   28   97   77  -69  -83   -8   40   70 -127  -10    4  -59
.refweights 1 1568:  100  -34 -121  -76    4  -95   29  124    5  -31  120   94   84   10    6  -99   13  124    7 -113   70  114  106    6   24   21  -52  -19  104   13  120  -84  ; output 2
.refweights 1 1600:  -19    1  -76   98   89  -69  112  118  -75   -4  127  -82  -20  -87   92   21   53   91  -20 -127    6  -10   46   59  -63  -50   80   36   29   57   59  -92
.refweights 1 1632:   10   12 -123   27   -2   99 -121  119  -62   75   94  -16  -65  -21  -79   16   53   26  -73   69  117  -39   66   -8   51  -91 -108   -4 -107   46  119  -25
.refweights 1 1664:    1   19  -61   -6   33  103 -105   -3 -104  -11   -3  -53   78   87  -49  -18  -39    3   42  117 -117   52  -76 -104   98  -38  -71   35  -26 -116  -66  -54
.refweights 1 1696:  -10  -84 -122   71 -109  -15  109  -47  -84   34  111  -14   -7   59   16   24   67   58  -91  -50   87   20   30  122   79   51  122 -112   20   33  -22  -60
.refweights 1 1728:   23 -105  -54   96  -47  -37   57  -32   19 -127   72 -113   17 -126 -109  102  -70   -4    6  117   41   62  -54  -44   92   47   32  -96 -101   26  -95   89
.refweights 1 1760:  106  -53  -82  123  -68 -101  -92   22   25   82  102   54   18  115  -52  -22  108  -43   68   27   45  -29 -108   91  105 -101  -59    5   63  -18  -56   99
.refweights 1 1792:  -64  115    2   67   30   22   93   -6   90   42  -71   83  -90   66  -27   39  -15   25  -38   53   59 -116  112 -102  -57   50  117   41  -71   22  -76   60
.refweights 1 1824:    6   12  -97   68  121  -88   43  -56  -34  112 -119  -24   46   58  -50  -69   26 -116   17  -80  -23  114 -105  -63  -98   76  105  -82   80   81 -109   43
.refweights 1 1856:   58  -23   85   -8  -16   71 -116 -125   24   14    9  -78  101  -79  -56 -107 -127   31  -51   78  123   41  111  -88   67   69  -51   -9  -76   12 -121  -76
.refweights 1 1888: -109  -16   13 -102  -47   76    6   22  -56  -37 -113  118   14   59   74  111  -88   35 -110   47  -65   49  -94   67   91   70 -107   79  -81 -119   83   22
.refweights 1 1920:  -44 -111   33  -55 -101  -16 -108   63  -84  -43 -126  -18  -39   70  -29   86  111   26  -44 -105  -89  -43  -80   67  -41   -5    5 -110  106  -49 -103   -2
.refweights 1 1952: -112   16  -82  -28  -37   92   98  126   14   81 -104  -85   68   28   35   73   81   60  -47  -40   27  105  -10  -38   70   84   -2  -38 -127    8   39  -93
.refweights 1 1984:  -94 -127   99  119  126  113  -13   56   75  -34  -73  106  -13   47  -59  -66  -24    4   75   83  -16  125  -68    9  -80   21  116 -105   30 -117  -28  -60
.refweights 1 2016:    0  -88   32 -120   28  -49  -76  108   14  -84  -72  -57  -75   16    2  111    4  -68  109   32  -27   89  104 -107 -105  -84 -109  -38   46 -116 -124 -109
.refweights 1 2048:  -66   80  113  126    1 -108  124  -85   48   63   39   42 -118  -43  -82   88  -72   -3  113   96  -91 -106  101   37  -97  110  -92  110   91   91  -24   11
.refweights 1 2080: -106   72    7   94  -54  123   85  -36   35  -93  -85  -87  -73   35  -55  -44   89   21  -62  -34  -33   59   89  101  -86  -14   30  -50   84  -14   14 -109
.refweights 1 2112:   92  -84   -3 -104   97    7   57 -100   11   52   90   93  -23  -13   42  -46  -52 -117 -125  -67   16   10   10   19  -23 -125  113  -93   -1   50   33  -55
.refweights 1 2144: -110  102    4  116   59   54   27  -29  -74   15  122   76  115  119   99  -71  -69   -4  -66  -34  -44  111   -9  123  -98 -125   18   25  -51  -64   36    6
.refweights 1 2176:  -17   64  -54  100  -87  -66   44   78   -2 -100   -5  -43  -41  -23   31  -30  -89  -63 -106 -127   61   71   96   10  -52  -76   63  -77   95  -69 -118  -91
.refweights 1 2208:  103   96   31    3  109   77   75  -86   20  115  -89  127  -83  -37   -6   33   39  -73   58   34  -14 -126  126  -47  -68  126  -64   85   78  -83 -102  -69
.refweights 1 2240:   40  120   -7  -38  -37  -88  127   -1 -101  -87   79   61   82  -13  -25   42   -1  -41   30  -72  -88  -28  -91    3   20  124   37   -1  -92  -51  -21  -91
.refweights 1 2272:   25   91   73  -53  -31  127  -20 -114   -1    6  -47  -14 -104   39  -88   44   96  -82  -50   12    0   74   -8   21  -35   42   38 -102   67  -26  114 -126
.refweights 1 2304:  -13   57   88    2  -69  -98  -96  102 -111  -50   67   69 -111   25   15  117   -5   54  -11  113  -13  -75   23  -67   32   88  -99  -92    2   -7  -40  106
.refweights 1 2336:   57  -42   18  -19  -81   52  -84   15   86 -117    6  117   57  -50   20 -119
.refbias 1 0:   20  110  110

; integer reference layer 3 (host only, never loaded)
.reference 3 in=3 out=10 threshold=354
.refweights 3 0:   -2   48  -22  ; output 0
.refweights 3 3:  -38    3  -78  ; output 1
.refweights 3 6:   54   66  -36  ; output 2
.refweights 3 9:  -30  -93   17  ; output 3
.refweights 3 12:   53  127 -126  ; output 4
.refweights 3 15: -113    4  124  ; output 5
.refweights 3 18:    9   37   19  ; output 6
.refweights 3 21:  -16   95   98  ; output 7
.refweights 3 24:  -77  -80 -104  ; output 8
.refweights 3 27:  -33   -3  112  ; output 9
.refbias 3 0: -340  249 -196   29  -16  198 -294 -245    8  177

; ---- core 0 (x=0, y=0)
;      layer input (input) neurons 198..236 in slots 0..38
.core 0
  .neuron 0..38 threshold=255 init=127
  .weights 0:   90   86  -22  ; axon 0 -> acc 0..2
  .weights 3:  -42   71  -60  ; axon 1 -> acc 0..2
  .weights 6:  -95  127   23  ; axon 2 -> acc 0..2
  .weights 9:   49   -6 -105  ; axon 3 -> acc 0..2
  .weights 12:   41  -90  -54  ; axon 4 -> acc 0..2
  .weights 15:   82    6   96  ; axon 5 -> acc 0..2
  .weights 18:  -66  -37  -47  ; axon 6 -> acc 0..2
  .weights 21:   28   45  -37  ; axon 7 -> acc 0..2
  .weights 24:  -46  107   57  ; axon 8 -> acc 0..2
  .weights 27:  -29  -70  -32  ; axon 9 -> acc 0..2
  .weights 30: -101    5   19  ; axon 10 -> acc 0..2
  .weights 33:  -58  124 -127  ; axon 11 -> acc 0..2
  .weights 36:  -39 -101   72  ; axon 12 -> acc 0..2
  .weights 39:   54  -22 -113  ; axon 13 -> acc 0..2
  .weights 42:   23  123   17  ; axon 14 -> acc 0..2
  .weights 45:   31   89 -126  ; axon 15 -> acc 0..2
  .weights 48:  127   37 -109  ; axon 16 -> acc 0..2
  .weights 51:  124  -55  102  ; axon 17 -> acc 0..2
  .weights 54:   87  -12  -70  ; axon 18 -> acc 0..2
  .weights 57:    4 -114   -4  ; axon 19 -> acc 0..2
  .weights 60:  -88 -120    6  ; axon 20 -> acc 0..2
  .weights 63:   99 -119  117  ; axon 21 -> acc 0..2
  .weights 66:  -32  122   41  ; axon 22 -> acc 0..2
  .weights 69:  -10  100   62  ; axon 23 -> acc 0..2
  .weights 72: -109   50  -54  ; axon 24 -> acc 0..2
  .weights 75:  -25  -32  -44  ; axon 25 -> acc 0..2
  .weights 78:  -82  109   92  ; axon 26 -> acc 0..2
  .weights 81:  117  -34   47  ; axon 27 -> acc 0..2
  .weights 84: -110   88   32  ; axon 28 -> acc 0..2
  .weights 87:  -99   -4  -96  ; axon 29 -> acc 0..2
  .weights 90:   -4  -60 -101  ; axon 30 -> acc 0..2
  .weights 93:  -69  -35   26  ; axon 31 -> acc 0..2
  .weights 96:   45  -27  -95  ; axon 32 -> acc 0..2
  .weights 99:  -49 -116   89  ; axon 33 -> acc 0..2
  .weights 102:  -60   38  106  ; axon 34 -> acc 0..2
  .weights 105:    7  -39  -53  ; axon 35 -> acc 0..2
  .weights 108:   92   58  -82  ; axon 36 -> acc 0..2
  .weights 111:  -89   81  123  ; axon 37 -> acc 0..2
  .weights 114:   60  -20  -68  ; axon 38 -> acc 0..2
  .weights 117:   82   62 -101  ; axon 39 -> acc 0..2
  .weights 120:  124   25  -92  ; axon 40 -> acc 0..2
  .weights 123:  -89   85   22  ; axon 41 -> acc 0..2
  .weights 126:   31  -82   25  ; axon 42 -> acc 0..2
  .weights 129:  -94  -11   82  ; axon 43 -> acc 0..2
  .weights 132:  108  -42  102  ; axon 44 -> acc 0..2
  .weights 135:  -49  111   54  ; axon 45 -> acc 0..2
  .weights 138:   77 -114   18  ; axon 46 -> acc 0..2
  .weights 141:    4  -71  115  ; axon 47 -> acc 0..2
  .weights 144:  -10   14  -52  ; axon 48 -> acc 0..2
  .weights 147:   -4  113  -22  ; axon 49 -> acc 0..2
  .weights 150:   22   86  108  ; axon 50 -> acc 0..2
  .weights 153:   60 -119  -43  ; axon 51 -> acc 0..2
  .weights 156:   20  -89   68  ; axon 52 -> acc 0..2
  .weights 159:   39  123   27  ; axon 53 -> acc 0..2
  .weights 162: -114   19   45  ; axon 54 -> acc 0..2
  .weights 165:   93 -109  -29  ; axon 55 -> acc 0..2
  .weights 168:  111  -40 -108  ; axon 56 -> acc 0..2
  .weights 171:  105   56   91  ; axon 57 -> acc 0..2
  .weights 174:   94  -27  105  ; axon 58 -> acc 0..2
  .weights 177:  -92  -98 -101  ; axon 59 -> acc 0..2
  .weights 180:  -47  -78  -59  ; axon 60 -> acc 0..2
  .weights 183:  112  -66    5  ; axon 61 -> acc 0..2
  .weights 186:  -97   -5   63  ; axon 62 -> acc 0..2
  .weights 189:  115   50  -18  ; axon 63 -> acc 0..2
  .weights 192: -100   61  -56  ; axon 64 -> acc 0..2
  .weights 195:  -89  -62   99  ; axon 65 -> acc 0..2
  .weights 198:   62  -21  -64  ; axon 66 -> acc 0..2
  .weights 201:  -91  -98  115  ; axon 67 -> acc 0..2
  .weights 204:  -29   96    2  ; axon 68 -> acc 0..2
  .weights 207:   92  127   67  ; axon 69 -> acc 0..2
  .weights 210:  101  123   30  ; axon 70 -> acc 0..2
  .weights 213:  120   52   22  ; axon 71 -> acc 0..2
  .weights 216:  -26  -27   93  ; axon 72 -> acc 0..2
  .weights 219:  -99   -3   -6  ; axon 73 -> acc 0..2
  .weights 222:  125   46   90  ; axon 74 -> acc 0..2
  .weights 225:  -27 -110   42  ; axon 75 -> acc 0..2
  .weights 228:  -52    8  -71  ; axon 76 -> acc 0..2
  .weights 231:   31 -103   83  ; axon 77 -> acc 0..2
  .weights 234:  -89 -127  -90  ; axon 78 -> acc 0..2
  ACC axons=0..78 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..38
  .route neurons=0..38 core=0 axon=40  ; -> core 0 (x=0, y=0) axons 40..78

; ---- core 1 (x=1, y=0)
;      layer input (input) neurons 316..354 in slots 0..38
.core 1
  .neuron 0..38 threshold=255 init=127
  .weights 0:  -44   53  -76  ; axon 0 -> acc 0..2
  .weights 3:   77   49   12  ; axon 1 -> acc 0..2
  .weights 6:   73  -97 -121  ; axon 2 -> acc 0..2
  .weights 9:   47   -1  -76  ; axon 3 -> acc 0..2
  .weights 12:  -25  -63 -109  ; axon 4 -> acc 0..2
  .weights 15:  -10   86  -16  ; axon 5 -> acc 0..2
  .weights 18:  -24   63   13  ; axon 6 -> acc 0..2
  .weights 21:  -47   70 -102  ; axon 7 -> acc 0..2
  .weights 24:   53  115  -47  ; axon 8 -> acc 0..2
  .weights 27:  -43   62   76  ; axon 9 -> acc 0..2
  .weights 30:  -71 -127    6  ; axon 10 -> acc 0..2
  .weights 33:   29   32   22  ; axon 11 -> acc 0..2
  .weights 36:  -92  -87  -56  ; axon 12 -> acc 0..2
  .weights 39:  -27   17  -37  ; axon 13 -> acc 0..2
  .weights 42:   65    1 -113  ; axon 14 -> acc 0..2
  .weights 45:   47  126  118  ; axon 15 -> acc 0..2
  .weights 48:  108  -87   14  ; axon 16 -> acc 0..2
  .weights 51:  -87 -124   59  ; axon 17 -> acc 0..2
  .weights 54:    1  -34   74  ; axon 18 -> acc 0..2
  .weights 57:  -38   20  111  ; axon 19 -> acc 0..2
  .weights 60:  -71   93  -88  ; axon 20 -> acc 0..2
  .weights 63:  -71  103   35  ; axon 21 -> acc 0..2
  .weights 66:   32   98 -110  ; axon 22 -> acc 0..2
  .weights 69:   13   40   47  ; axon 23 -> acc 0..2
  .weights 72:  -65  -36  -65  ; axon 24 -> acc 0..2
  .weights 75:  -90  -27   49  ; axon 25 -> acc 0..2
  .weights 78: -105  -69  -94  ; axon 26 -> acc 0..2
  .weights 81:  124   25   67  ; axon 27 -> acc 0..2
  .weights 84:  -22  -88   91  ; axon 28 -> acc 0..2
  .weights 87:  -29   44   70  ; axon 29 -> acc 0..2
  .weights 90:  -47   82 -107  ; axon 30 -> acc 0..2
  .weights 93:  -64  108   79  ; axon 31 -> acc 0..2
  .weights 96: -116 -125  -81  ; axon 32 -> acc 0..2
  .weights 99:  -75  104 -119  ; axon 33 -> acc 0..2
  .weights 102:   78  -80   83  ; axon 34 -> acc 0..2
  .weights 105:   28  -10   22  ; axon 35 -> acc 0..2
  .weights 108:  -45  116  -44  ; axon 36 -> acc 0..2
  .weights 111:  -48   69 -111  ; axon 37 -> acc 0..2
  .weights 114:   81  -40   33  ; axon 38 -> acc 0..2
  .weights 117:   92   75  -55  ; axon 39 -> acc 0..2
  .weights 120:  122 -124 -101  ; axon 40 -> acc 0..2
  .weights 123:   37   99  -16  ; axon 41 -> acc 0..2
  .weights 126:   61  123 -108  ; axon 42 -> acc 0..2
  .weights 129:  -10   -6   63  ; axon 43 -> acc 0..2
  .weights 132:  -74   21  -84  ; axon 44 -> acc 0..2
  .weights 135: -124  -30  -43  ; axon 45 -> acc 0..2
  .weights 138:   77  -80 -126  ; axon 46 -> acc 0..2
  .weights 141:  -18  -57  -18  ; axon 47 -> acc 0..2
  .weights 144:   52   -8  -39  ; axon 48 -> acc 0..2
  .weights 147:    6 -104   70  ; axon 49 -> acc 0..2
  .weights 150: -119 -103  -29  ; axon 50 -> acc 0..2
  .weights 153:  -62   14   86  ; axon 51 -> acc 0..2
  .weights 156:   36  -83  111  ; axon 52 -> acc 0..2
  .weights 159:  -26  -69   26  ; axon 53 -> acc 0..2
  .weights 162: -123   -1  -44  ; axon 54 -> acc 0..2
  .weights 165:   45  -67 -105  ; axon 55 -> acc 0..2
  .weights 168:    5  118  -89  ; axon 56 -> acc 0..2
  .weights 171:  -41  -46  -43  ; axon 57 -> acc 0..2
  .weights 174:   51  -71  -80  ; axon 58 -> acc 0..2
  .weights 177:   27  -34   67  ; axon 59 -> acc 0..2
  .weights 180:  -47 -104  -41  ; axon 60 -> acc 0..2
  .weights 183:  114   65   -5  ; axon 61 -> acc 0..2
  .weights 186:   64  109    5  ; axon 62 -> acc 0..2
  .weights 189:   16  -73 -110  ; axon 63 -> acc 0..2
  .weights 192:  -24  -47  106  ; axon 64 -> acc 0..2
  .weights 195: -108  119  -49  ; axon 65 -> acc 0..2
  .weights 198:   98  -92 -103  ; axon 66 -> acc 0..2
  .weights 201:  -33   34   -2  ; axon 67 -> acc 0..2
  .weights 204:  -82 -103 -112  ; axon 68 -> acc 0..2
  .weights 207:   81 -113   16  ; axon 69 -> acc 0..2
  .weights 210:   45    0  -82  ; axon 70 -> acc 0..2
  .weights 213:   31  -72  -28  ; axon 71 -> acc 0..2
  .weights 216:  -25   69  -37  ; axon 72 -> acc 0..2
  .weights 219:  -40  -39   92  ; axon 73 -> acc 0..2
  .weights 222:   22    1   98  ; axon 74 -> acc 0..2
  .weights 225:   98  -66  126  ; axon 75 -> acc 0..2
  .weights 228:   18   52   14  ; axon 76 -> acc 0..2
  .weights 231:  -60  118   81  ; axon 77 -> acc 0..2
  ACC axons=0..77 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..38
  .route neurons=0..38 core=1 axon=0  ; -> core 1 (x=1, y=0) axons 0..38

; ---- core 2 (x=2, y=0)
;      layer input (input) neurons 237..276 in slots 0..39
.core 2
  .neuron 0..39 threshold=255 init=127
  .weights 0:   83   -4   66  ; axon 0 -> acc 0..2
  .weights 3:   80  -40  -27  ; axon 1 -> acc 0..2
  .weights 6: -101  -80   39  ; axon 2 -> acc 0..2
  .weights 9: -104   21  -15  ; axon 3 -> acc 0..2
  .weights 12:  -11    5   25  ; axon 4 -> acc 0..2
  .weights 15:   53   19  -38  ; axon 5 -> acc 0..2
  .weights 18:   -4  -71   53  ; axon 6 -> acc 0..2
  .weights 21:  -64 -124   59  ; axon 7 -> acc 0..2
  .weights 24:    3    3 -116  ; axon 8 -> acc 0..2
  .weights 27: -119  -52  112  ; axon 9 -> acc 0..2
  .weights 30:  -90  -43 -102  ; axon 10 -> acc 0..2
  .weights 33:  -85   94  -57  ; axon 11 -> acc 0..2
  .weights 36:  105   21   50  ; axon 12 -> acc 0..2
  .weights 39:  112   58  117  ; axon 13 -> acc 0..2
  .weights 42:  -43  -35   41  ; axon 14 -> acc 0..2
  .weights 45:    6 -101  -71  ; axon 15 -> acc 0..2
  .weights 48:   57   25   22  ; axon 16 -> acc 0..2
  .weights 51:   15  -84  -76  ; axon 17 -> acc 0..2
  .weights 54:  -64   16   60  ; axon 18 -> acc 0..2
  .weights 57:   73  -99    6  ; axon 19 -> acc 0..2
  .weights 60:   78   96   12  ; axon 20 -> acc 0..2
  .weights 63:   -7  -87  -97  ; axon 21 -> acc 0..2
  .weights 66:  -16  110   68  ; axon 22 -> acc 0..2
  .weights 69:  115   90  121  ; axon 23 -> acc 0..2
  .weights 72:  111   96  -88  ; axon 24 -> acc 0..2
  .weights 75:  -72   76   43  ; axon 25 -> acc 0..2
  .weights 78:  124   29  -56  ; axon 26 -> acc 0..2
  .weights 81:   31   -6  -34  ; axon 27 -> acc 0..2
  .weights 84:  -84   -2  112  ; axon 28 -> acc 0..2
  .weights 87:   70  -51 -119  ; axon 29 -> acc 0..2
  .weights 90:  -95 -117  -24  ; axon 30 -> acc 0..2
  .weights 93:  117  116   46  ; axon 31 -> acc 0..2
  .weights 96:  -82    7   58  ; axon 32 -> acc 0..2
  .weights 99:   36   60  -50  ; axon 33 -> acc 0..2
  .weights 102:   39    5  -69  ; axon 34 -> acc 0..2
  .weights 105:   30   37   26  ; axon 35 -> acc 0..2
  .weights 108:  105  -78 -116  ; axon 36 -> acc 0..2
  .weights 111:  -53  -99   17  ; axon 37 -> acc 0..2
  .weights 114:  -54   97  -80  ; axon 38 -> acc 0..2
  .weights 117: -110   48  -23  ; axon 39 -> acc 0..2
  .weights 120:   -5   63  114  ; axon 40 -> acc 0..2
  .weights 123:  -60 -126 -105  ; axon 41 -> acc 0..2
  .weights 126:    5    9  -63  ; axon 42 -> acc 0..2
  .weights 129:  -26 -118  -98  ; axon 43 -> acc 0..2
  .weights 132:   42  -15   76  ; axon 44 -> acc 0..2
  .weights 135:  110   -7  105  ; axon 45 -> acc 0..2
  .weights 138:   37  -89  -82  ; axon 46 -> acc 0..2
  .weights 141:  -41 -126   80  ; axon 47 -> acc 0..2
  .weights 144:  -62    1   81  ; axon 48 -> acc 0..2
  .weights 147: -111  114 -109  ; axon 49 -> acc 0..2
  .weights 150:  107  114   43  ; axon 50 -> acc 0..2
  .weights 153:  -24  -77   58  ; axon 51 -> acc 0..2
  .weights 156:   26  -23  -23  ; axon 52 -> acc 0..2
  .weights 159:    5 -106   85  ; axon 53 -> acc 0..2
  .weights 162:  -81  -99   -8  ; axon 54 -> acc 0..2
  .weights 165:   72  -35  -16  ; axon 55 -> acc 0..2
  .weights 168:   71  123   71  ; axon 56 -> acc 0..2
  .weights 171:    6  -33 -116  ; axon 57 -> acc 0..2
  .weights 174:  -72    7 -125  ; axon 58 -> acc 0..2
  .weights 177:  -54  119   24  ; axon 59 -> acc 0..2
  .weights 180:    2   23   14  ; axon 60 -> acc 0..2
  .weights 183:  -73  102    9  ; axon 61 -> acc 0..2
  .weights 186:  -71   84  -78  ; axon 62 -> acc 0..2
  .weights 189:  -19  119  101  ; axon 63 -> acc 0..2
  .weights 192:  -37   22  -79  ; axon 64 -> acc 0..2
  .weights 195:   31 -103  -56  ; axon 65 -> acc 0..2
  .weights 198:  -33 -109 -107  ; axon 66 -> acc 0..2
  .weights 201:  -17  -66 -127  ; axon 67 -> acc 0..2
  .weights 204:  -48  105   31  ; axon 68 -> acc 0..2
  .weights 207: -116   73  -51  ; axon 69 -> acc 0..2
  .weights 210:  111   37   78  ; axon 70 -> acc 0..2
  .weights 213:   24  -97  123  ; axon 71 -> acc 0..2
  .weights 216:  114  -94   41  ; axon 72 -> acc 0..2
  .weights 219:  -20  104  111  ; axon 73 -> acc 0..2
  .weights 222:  -32  -13  -88  ; axon 74 -> acc 0..2
  .weights 225: -119 -126   67  ; axon 75 -> acc 0..2
  .weights 228:  -48  -16   69  ; axon 76 -> acc 0..2
  .weights 231:   83  -30  -51  ; axon 77 -> acc 0..2
  .weights 234: -124    2   -9  ; axon 78 -> acc 0..2
  ACC axons=0..78 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..39
  .route neurons=0..39 core=2 axon=0  ; -> core 2 (x=2, y=0) axons 0..39

; ---- core 3 (x=3, y=0)
;      layer input (input) neurons 394..432 in slots 0..38
;      layer 3 (output) neurons 0..2 in slots 39..41
.core 3
  .neuron 0..38 threshold=255 init=127
  .neuron 39 threshold=354 bias=-340 start=2
  .neuron 40 threshold=354 bias=249 start=2
  .neuron 41 threshold=354 bias=-196 start=2
  .weights 0:   -2  -38   54  ; axon 0 -> acc 0..2
  .weights 3:   48    3   66  ; axon 1 -> acc 0..2
  .weights 6:  -22  -78  -36  ; axon 2 -> acc 0..2
  ACC axons=0..2 w=0 cols=3 acc=0
  PSUM acc=0..2 core=3 neuron=39  ; -> core 3 (x=3, y=0) slots 39..41
  FIRE neurons=0..41
  .route neurons=0..38 core=4 axon=0  ; -> core 4 (x=4, y=0) axons 0..38

; ---- core 4 (x=4, y=0)
;      layer input (input) neurons 433..471 in slots 0..38
;      layer 1 (hidden) neurons 0..2 in slots 39..41
.core 4
  .neuron 0..38 threshold=255 init=127
  .neuron 39 threshold=1355 bias=20 start=1 init=677
  .neuron 40..41 threshold=1355 bias=110 start=1 init=677
  .weights 0:  126  -19 -104  ; axon 0 -> acc 0..2
  .weights 3:    3  -78  -85  ; axon 1 -> acc 0..2
  .weights 6:  100 -124   68  ; axon 2 -> acc 0..2
  .weights 9:   31  122   28  ; axon 3 -> acc 0..2
  .weights 12:  114   54   35  ; axon 4 -> acc 0..2
  .weights 15:   73   52   73  ; axon 5 -> acc 0..2
  .weights 18:  -65   22   81  ; axon 6 -> acc 0..2
  .weights 21:   89   64   60  ; axon 7 -> acc 0..2
  .weights 24:    1   45  -47  ; axon 8 -> acc 0..2
  .weights 27: -102   62  -40  ; axon 9 -> acc 0..2
  .weights 30:  -27   79   27  ; axon 10 -> acc 0..2
  .weights 33: -115   18  105  ; axon 11 -> acc 0..2
  .weights 36:  -66  109  -10  ; axon 12 -> acc 0..2
  .weights 39:  -90   79  -38  ; axon 13 -> acc 0..2
  .weights 42:   87   -4   70  ; axon 14 -> acc 0..2
  .weights 45:  -27  -57   84  ; axon 15 -> acc 0..2
  .weights 48:  -22    8   -2  ; axon 16 -> acc 0..2
  .weights 51:   61   99  -38  ; axon 17 -> acc 0..2
  .weights 54:   52   80 -127  ; axon 18 -> acc 0..2
  .weights 57:  -84  -51    8  ; axon 19 -> acc 0..2
  .weights 60:   47  -27   39  ; axon 20 -> acc 0..2
  .weights 63:   54   50  -93  ; axon 21 -> acc 0..2
  .weights 66: -101   48  -94  ; axon 22 -> acc 0..2
  .weights 69:  110  121 -127  ; axon 23 -> acc 0..2
  .weights 72:  -77   62   99  ; axon 24 -> acc 0..2
  .weights 75:  -50   40  119  ; axon 25 -> acc 0..2
  .weights 78: -105   29  126  ; axon 26 -> acc 0..2
  .weights 81:  116 -119  113  ; axon 27 -> acc 0..2
  .weights 84:   24  -47  -13  ; axon 28 -> acc 0..2
  .weights 87:  107   13   56  ; axon 29 -> acc 0..2
  .weights 90:    8  -88   75  ; axon 30 -> acc 0..2
  .weights 93:   69 -111  -34  ; axon 31 -> acc 0..2
  .weights 96:  -41   86  -73  ; axon 32 -> acc 0..2
  .weights 99: -101   43  106  ; axon 33 -> acc 0..2
  .weights 102:   20 -103  -13  ; axon 34 -> acc 0..2
  .weights 105:  -11    8   47  ; axon 35 -> acc 0..2
  .weights 108:  -13   75  -59  ; axon 36 -> acc 0..2
  .weights 111:  -62   73  -66  ; axon 37 -> acc 0..2
  .weights 114:    3  116  -24  ; axon 38 -> acc 0..2
  .weights 117:   36  -50    4  ; axon 39 -> acc 0..2
  .weights 120:   46   57   75  ; axon 40 -> acc 0..2
  .weights 123: -102 -103   83  ; axon 41 -> acc 0..2
  .weights 126:   61  -16  -16  ; axon 42 -> acc 0..2
  .weights 129:   13  -81  125  ; axon 43 -> acc 0..2
  .weights 132:   88  -24  -68  ; axon 44 -> acc 0..2
  .weights 135:   90   72    9  ; axon 45 -> acc 0..2
  .weights 138: -100   63  -80  ; axon 46 -> acc 0..2
  .weights 141:  122  -67   21  ; axon 47 -> acc 0..2
  .weights 144: -125  -31  116  ; axon 48 -> acc 0..2
  .weights 147:   73  -25 -105  ; axon 49 -> acc 0..2
  .weights 150:    9  -48   30  ; axon 50 -> acc 0..2
  .weights 153:   60  -70 -117  ; axon 51 -> acc 0..2
  .weights 156:  -69   93  -28  ; axon 52 -> acc 0..2
  .weights 159:   76   88  -60  ; axon 53 -> acc 0..2
  .weights 162:  -63  106    0  ; axon 54 -> acc 0..2
  .weights 165: -112  -70  -88  ; axon 55 -> acc 0..2
  .weights 168:   43   93   32  ; axon 56 -> acc 0..2
  .weights 171:   70  -39 -120  ; axon 57 -> acc 0..2
  .weights 174:  126  -30   28  ; axon 58 -> acc 0..2
  .weights 177:  -13  -34  -49  ; axon 59 -> acc 0..2
  .weights 180:  122   -6  -76  ; axon 60 -> acc 0..2
  .weights 183:   82  -56  108  ; axon 61 -> acc 0..2
  .weights 186:  -63   17   14  ; axon 62 -> acc 0..2
  .weights 189:  -98  -82  -84  ; axon 63 -> acc 0..2
  .weights 192:   71   52  -72  ; axon 64 -> acc 0..2
  .weights 195:  -70 -107  -57  ; axon 65 -> acc 0..2
  .weights 198:   58  -46  -75  ; axon 66 -> acc 0..2
  .weights 201: -109  -89   16  ; axon 67 -> acc 0..2
  .weights 204:   93   86    2  ; axon 68 -> acc 0..2
  .weights 207:   38   87  111  ; axon 69 -> acc 0..2
  .weights 210:  -15 -101    4  ; axon 70 -> acc 0..2
  .weights 213:   58  -69  -68  ; axon 71 -> acc 0..2
  .weights 216:  -90  114  109  ; axon 72 -> acc 0..2
  .weights 219:  -28   37   32  ; axon 73 -> acc 0..2
  .weights 222:    1   87  -27  ; axon 74 -> acc 0..2
  .weights 225:  -73  -97   89  ; axon 75 -> acc 0..2
  .weights 228:  -32   57  104  ; axon 76 -> acc 0..2
  .weights 231:  -55   81 -107  ; axon 77 -> acc 0..2
  ACC axons=0..77 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..41
  .route neurons=0..38 core=4 axon=39  ; -> core 4 (x=4, y=0) axons 39..77
  .route neurons=39..41 core=3 axon=0  ; -> core 3 (x=3, y=0) axons 0..2
  .route neurons=39..41 core=9 axon=0  ; -> core 9 (x=9, y=0) axons 0..2
  .route neurons=39..41 core=83 axon=0  ; -> core 83 (x=3, y=5) axons 0..2
  .route neurons=39..41 core=116 axon=0  ; -> core 116 (x=4, y=7) axons 0..2

; ---- core 5 (x=5, y=0)
;      layer input (input) neurons 628..666 in slots 0..38
.core 5
  .neuron 0..38 threshold=255 init=127
  .weights 0:  -26 -126   61  ; axon 0 -> acc 0..2
  .weights 3:  115 -121   71  ; axon 1 -> acc 0..2
  .weights 6:  100  -90   96  ; axon 2 -> acc 0..2
  .weights 9:  -46  -67   10  ; axon 3 -> acc 0..2
  .weights 12:    5    0  -52  ; axon 4 -> acc 0..2
  .weights 15:  -55   55  -76  ; axon 5 -> acc 0..2
  .weights 18:  -51   74   63  ; axon 6 -> acc 0..2
  .weights 21:  -26 -109  -77  ; axon 7 -> acc 0..2
  .weights 24:   -1   51   95  ; axon 8 -> acc 0..2
  .weights 27:  -44  -73  -69  ; axon 9 -> acc 0..2
  .weights 30: -120   29 -118  ; axon 10 -> acc 0..2
  .weights 33:  -77   40  -91  ; axon 11 -> acc 0..2
  .weights 36:  -11   20  103  ; axon 12 -> acc 0..2
  .weights 39:  -41   45   96  ; axon 13 -> acc 0..2
  .weights 42:   94   -6   31  ; axon 14 -> acc 0..2
  .weights 45:  103   84    3  ; axon 15 -> acc 0..2
  .weights 48:   81   26  109  ; axon 16 -> acc 0..2
  .weights 51:   56  111   77  ; axon 17 -> acc 0..2
  .weights 54: -101   28   75  ; axon 18 -> acc 0..2
  .weights 57:  120  -67  -86  ; axon 19 -> acc 0..2
  .weights 60: -112   82   20  ; axon 20 -> acc 0..2
  .weights 63:  -42    7  115  ; axon 21 -> acc 0..2
  .weights 66:  -89  123  -89  ; axon 22 -> acc 0..2
  .weights 69:   46  -14  127  ; axon 23 -> acc 0..2
  .weights 72: -106  126  -83  ; axon 24 -> acc 0..2
  .weights 75:  -63  -74  -37  ; axon 25 -> acc 0..2
  .weights 78:  -81   64   -6  ; axon 26 -> acc 0..2
  .weights 81:  -78  -95   33  ; axon 27 -> acc 0..2
  .weights 84:  -59   87   39  ; axon 28 -> acc 0..2
  .weights 87:  125   23  -73  ; axon 29 -> acc 0..2
  .weights 90:  -10   72   58  ; axon 30 -> acc 0..2
  .weights 93:   39 -109   34  ; axon 31 -> acc 0..2
  .weights 96: -126 -126  -14  ; axon 32 -> acc 0..2
  .weights 99:  113   61 -126  ; axon 33 -> acc 0..2
  .weights 102:  -28  -52  126  ; axon 34 -> acc 0..2
  .weights 105: -117   50  -47  ; axon 35 -> acc 0..2
  .weights 108:   88  -75  -68  ; axon 36 -> acc 0..2
  .weights 111:  -34  -39  126  ; axon 37 -> acc 0..2
  .weights 114:  115    1  -64  ; axon 38 -> acc 0..2
  .weights 117:  -86   76   85  ; axon 39 -> acc 0..2
  .weights 120: -118   72   78  ; axon 40 -> acc 0..2
  .weights 123:  -95  -11  -83  ; axon 41 -> acc 0..2
  .weights 126:   55  -36 -102  ; axon 42 -> acc 0..2
  .weights 129:  -14   -2  -69  ; axon 43 -> acc 0..2
  .weights 132: -118   65   40  ; axon 44 -> acc 0..2
  .weights 135:   24 -108  120  ; axon 45 -> acc 0..2
  .weights 138:   -8  -39   -7  ; axon 46 -> acc 0..2
  .weights 141:   46 -122  -38  ; axon 47 -> acc 0..2
  .weights 144:  -65   18  -37  ; axon 48 -> acc 0..2
  .weights 147:  -91  -15  -88  ; axon 49 -> acc 0..2
  .weights 150:   87   72  127  ; axon 50 -> acc 0..2
  .weights 153:  -61  101   -1  ; axon 51 -> acc 0..2
  .weights 156:   89 -109 -101  ; axon 52 -> acc 0..2
  .weights 159:  103  -56  -87  ; axon 53 -> acc 0..2
  .weights 162:  -89  -20   79  ; axon 54 -> acc 0..2
  .weights 165:  -59   -1   61  ; axon 55 -> acc 0..2
  .weights 168:   15  -29   82  ; axon 56 -> acc 0..2
  .weights 171: -120  -80  -13  ; axon 57 -> acc 0..2
  .weights 174:   39  -49  -25  ; axon 58 -> acc 0..2
  .weights 177:  -53   -3   42  ; axon 59 -> acc 0..2
  .weights 180:  -56  102   -1  ; axon 60 -> acc 0..2
  .weights 183:  -98  -32  -41  ; axon 61 -> acc 0..2
  .weights 186:   59   84   30  ; axon 62 -> acc 0..2
  .weights 189:  -81 -103  -72  ; axon 63 -> acc 0..2
  .weights 192: -102    6  -88  ; axon 64 -> acc 0..2
  .weights 195:  -33  -99  -28  ; axon 65 -> acc 0..2
  .weights 198:  -71 -119  -91  ; axon 66 -> acc 0..2
  .weights 201: -123   13    3  ; axon 67 -> acc 0..2
  .weights 204:   51  -58   20  ; axon 68 -> acc 0..2
  .weights 207:  -48   94  124  ; axon 69 -> acc 0..2
  .weights 210:   89  100   37  ; axon 70 -> acc 0..2
  .weights 213:   89 -126   -1  ; axon 71 -> acc 0..2
  .weights 216:  -81   -9  -92  ; axon 72 -> acc 0..2
  .weights 219:  -74  -22  -51  ; axon 73 -> acc 0..2
  .weights 222:  -45  -72  -21  ; axon 74 -> acc 0..2
  .weights 225:   74  -89  -91  ; axon 75 -> acc 0..2
  .weights 228:   -4  -54   25  ; axon 76 -> acc 0..2
  .weights 231:  -45   56   91  ; axon 77 -> acc 0..2
  ACC axons=0..77 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..38
  .route neurons=0..38 core=5 axon=0  ; -> core 5 (x=5, y=0) axons 0..38

; ---- core 6 (x=6, y=0)
;      layer input (input) neurons 589..627 in slots 0..38
.core 6
  .neuron 0..38 threshold=255 init=127
  .weights 0:    4  -77   57  ; axon 0 -> acc 0..2
  .weights 3:  -56   97 -100  ; axon 1 -> acc 0..2
  .weights 6:   85   42   11  ; axon 2 -> acc 0..2
  .weights 9:  -97  -24   52  ; axon 3 -> acc 0..2
  .weights 12:  -67 -111   90  ; axon 4 -> acc 0..2
  .weights 15:   15   21   93  ; axon 5 -> acc 0..2
  .weights 18:  101  -71  -23  ; axon 6 -> acc 0..2
  .weights 21:  -54  110  -13  ; axon 7 -> acc 0..2
  .weights 24:  -77 -107   42  ; axon 8 -> acc 0..2
  .weights 27:  -81  -34  -46  ; axon 9 -> acc 0..2
  .weights 30:  -56  -70  -52  ; axon 10 -> acc 0..2
  .weights 33:  -44  -82 -117  ; axon 11 -> acc 0..2
  .weights 36:  -30  -66 -125  ; axon 12 -> acc 0..2
  .weights 39:  -72  -13  -67  ; axon 13 -> acc 0..2
  .weights 42:   40    9   16  ; axon 14 -> acc 0..2
  .weights 45:    1   22   10  ; axon 15 -> acc 0..2
  .weights 48:  -83   65   10  ; axon 16 -> acc 0..2
  .weights 51:  -73  -52   19  ; axon 17 -> acc 0..2
  .weights 54:   27  -79  -23  ; axon 18 -> acc 0..2
  .weights 57:   -2  -27 -125  ; axon 19 -> acc 0..2
  .weights 60:   90  120  113  ; axon 20 -> acc 0..2
  .weights 63:  -19  -16  -93  ; axon 21 -> acc 0..2
  .weights 66: -103 -107   -1  ; axon 22 -> acc 0..2
  .weights 69:  -94  100   50  ; axon 23 -> acc 0..2
  .weights 72:  -37   31   33  ; axon 24 -> acc 0..2
  .weights 75:  -28   22  -55  ; axon 25 -> acc 0..2
  .weights 78:   14   22 -110  ; axon 26 -> acc 0..2
  .weights 81:  -28   89  102  ; axon 27 -> acc 0..2
  .weights 84:   47  -58    4  ; axon 28 -> acc 0..2
  .weights 87:  -42   93  116  ; axon 29 -> acc 0..2
  .weights 90:   93  122   59  ; axon 30 -> acc 0..2
  .weights 93:   29  -33   54  ; axon 31 -> acc 0..2
  .weights 96:  -39   80   27  ; axon 32 -> acc 0..2
  .weights 99:  113   70  -29  ; axon 33 -> acc 0..2
  .weights 102:   32  119  -74  ; axon 34 -> acc 0..2
  .weights 105:  -86  -30   15  ; axon 35 -> acc 0..2
  .weights 108:  -71  -76  122  ; axon 36 -> acc 0..2
  .weights 111:   80  -47   76  ; axon 37 -> acc 0..2
  .weights 114:   58  -86  115  ; axon 38 -> acc 0..2
  .weights 117:   99    4  119  ; axon 39 -> acc 0..2
  .weights 120:  -10  122   99  ; axon 40 -> acc 0..2
  .weights 123:   89  123  -71  ; axon 41 -> acc 0..2
  .weights 126:   63   96  -69  ; axon 42 -> acc 0..2
  .weights 129:   39   13   -4  ; axon 43 -> acc 0..2
  .weights 132:  -29    3  -66  ; axon 44 -> acc 0..2
  .weights 135:  122   84  -34  ; axon 45 -> acc 0..2
  .weights 138:   26   75  -44  ; axon 46 -> acc 0..2
  .weights 141:  -33  -13  111  ; axon 47 -> acc 0..2
  .weights 144:   -2  -32   -9  ; axon 48 -> acc 0..2
  .weights 147:  125   50  123  ; axon 49 -> acc 0..2
  .weights 150:   85   -4  -98  ; axon 50 -> acc 0..2
  .weights 153:   -9  -89 -125  ; axon 51 -> acc 0..2
  .weights 156:  125  -60   18  ; axon 52 -> acc 0..2
  .weights 159:   56  103   25  ; axon 53 -> acc 0..2
  .weights 162:  -68  106  -51  ; axon 54 -> acc 0..2
  .weights 165: -116  -49  -64  ; axon 55 -> acc 0..2
  .weights 168:   74  -27   36  ; axon 56 -> acc 0..2
  .weights 171:  119  -63    6  ; axon 57 -> acc 0..2
  .weights 174:  -74  -41  -17  ; axon 58 -> acc 0..2
  .weights 177:   52  116   64  ; axon 59 -> acc 0..2
  .weights 180:    5 -113  -54  ; axon 60 -> acc 0..2
  .weights 183:  -27   61  100  ; axon 61 -> acc 0..2
  .weights 186:  -35 -114  -87  ; axon 62 -> acc 0..2
  .weights 189:   35  -61  -66  ; axon 63 -> acc 0..2
  .weights 192:   28  -26   44  ; axon 64 -> acc 0..2
  .weights 195:   86    9   78  ; axon 65 -> acc 0..2
  .weights 198:   46  -21   -2  ; axon 66 -> acc 0..2
  .weights 201:   58  -58 -100  ; axon 67 -> acc 0..2
  .weights 204:  112  -57   -5  ; axon 68 -> acc 0..2
  .weights 207:   40  -77  -43  ; axon 69 -> acc 0..2
  .weights 210:   19  -89  -41  ; axon 70 -> acc 0..2
  .weights 213:  -46  -79  -23  ; axon 71 -> acc 0..2
  .weights 216:   93  122   31  ; axon 72 -> acc 0..2
  .weights 219:   19  -60  -30  ; axon 73 -> acc 0..2
  .weights 222:   82 -106  -89  ; axon 74 -> acc 0..2
  .weights 225:  123   87  -63  ; axon 75 -> acc 0..2
  .weights 228:  -28   49 -106  ; axon 76 -> acc 0..2
  .weights 231:   89   87 -127  ; axon 77 -> acc 0..2
  ACC axons=0..77 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..38
  .route neurons=0..38 core=6 axon=39  ; -> core 6 (x=6, y=0) axons 39..77

; ---- core 7 (x=7, y=0)
;      layer input (input) neurons 119..157 in slots 0..38
.core 7
  .neuron 0..38 threshold=255 init=127
  .weights 0:   64   89   16  ; axon 0 -> acc 0..2
  .weights 3:  -89  -29   53  ; axon 1 -> acc 0..2
  .weights 6:  -96   66   26  ; axon 2 -> acc 0..2
  .weights 9:    8  -39  -73  ; axon 3 -> acc 0..2
  .weights 12:  -22 -106   69  ; axon 4 -> acc 0..2
  .weights 15:   75   28  117  ; axon 5 -> acc 0..2
  .weights 18:  -74   79  -39  ; axon 6 -> acc 0..2
  .weights 21: -113 -124   66  ; axon 7 -> acc 0..2
  .weights 24:   92   13   -8  ; axon 8 -> acc 0..2
  .weights 27:  -19   25   51  ; axon 9 -> acc 0..2
  .weights 30:   71   15  -91  ; axon 10 -> acc 0..2
  .weights 33:   41   -3 -108  ; axon 11 -> acc 0..2
  .weights 36:  -95  -39   -4  ; axon 12 -> acc 0..2
  .weights 39:   26  -99 -107  ; axon 13 -> acc 0..2
  .weights 42:   31   21   46  ; axon 14 -> acc 0..2
  .weights 45:  -85  -85  119  ; axon 15 -> acc 0..2
  .weights 48:  -60 -105  -25  ; axon 16 -> acc 0..2
  .weights 51:   43  -41    1  ; axon 17 -> acc 0..2
  .weights 54:   23  -87   19  ; axon 18 -> acc 0..2
  .weights 57:  -54   39  -61  ; axon 19 -> acc 0..2
  .weights 60:  -38   90   -6  ; axon 20 -> acc 0..2
  .weights 63:  116   99   33  ; axon 21 -> acc 0..2
  .weights 66:  -24  -79  103  ; axon 22 -> acc 0..2
  .weights 69:   72   69 -105  ; axon 23 -> acc 0..2
  .weights 72:   55   90   -3  ; axon 24 -> acc 0..2
  .weights 75:  -82    1 -104  ; axon 25 -> acc 0..2
  .weights 78: -108   54  -11  ; axon 26 -> acc 0..2
  .weights 81:  122   72   -3  ; axon 27 -> acc 0..2
  .weights 84:    7   97  -53  ; axon 28 -> acc 0..2
  .weights 87:   87   68   78  ; axon 29 -> acc 0..2
  .weights 90:   26   54   87  ; axon 30 -> acc 0..2
  .weights 93:   41  -48  -49  ; axon 31 -> acc 0..2
  .weights 96:   95  -71  -18  ; axon 32 -> acc 0..2
  .weights 99:  120  -60  -39  ; axon 33 -> acc 0..2
  .weights 102:  -84  105    3  ; axon 34 -> acc 0..2
  .weights 105:   16  -31   42  ; axon 35 -> acc 0..2
  .weights 108:   95    5  117  ; axon 36 -> acc 0..2
  .weights 111:   92 -118 -117  ; axon 37 -> acc 0..2
  .weights 114:   79   -6   52  ; axon 38 -> acc 0..2
  .weights 117:  -92  -36  -76  ; axon 39 -> acc 0..2
  .weights 120:  -91  -82 -104  ; axon 40 -> acc 0..2
  .weights 123:  -77   98   98  ; axon 41 -> acc 0..2
  .weights 126:   16 -103  -38  ; axon 42 -> acc 0..2
  .weights 129:  127  -18  -71  ; axon 43 -> acc 0..2
  .weights 132:  -80   -9   35  ; axon 44 -> acc 0..2
  .weights 135:   68 -115  -26  ; axon 45 -> acc 0..2
  .weights 138:  -70   77 -116  ; axon 46 -> acc 0..2
  .weights 141: -119  -40  -66  ; axon 47 -> acc 0..2
  .weights 144:  -27   57  -54  ; axon 48 -> acc 0..2
  .weights 147:   73   71  -10  ; axon 49 -> acc 0..2
  .weights 150:  118  112  -84  ; axon 50 -> acc 0..2
  .weights 153:  -79   31 -122  ; axon 51 -> acc 0..2
  .weights 156:   28   95   71  ; axon 52 -> acc 0..2
  .weights 159:  110  117 -109  ; axon 53 -> acc 0..2
  .weights 162:   84   25  -15  ; axon 54 -> acc 0..2
  .weights 165:   79  -26  109  ; axon 55 -> acc 0..2
  .weights 168:   90  -35  -47  ; axon 56 -> acc 0..2
  .weights 171:   80   21  -84  ; axon 57 -> acc 0..2
  .weights 174:   33   46   34  ; axon 58 -> acc 0..2
  .weights 177:  -87 -120  111  ; axon 59 -> acc 0..2
  .weights 180: -107   95  -14  ; axon 60 -> acc 0..2
  .weights 183:  -58   20   -7  ; axon 61 -> acc 0..2
  .weights 186:  -15 -118   59  ; axon 62 -> acc 0..2
  .weights 189:  -78   41   16  ; axon 63 -> acc 0..2
  .weights 192:   46   81   24  ; axon 64 -> acc 0..2
  .weights 195:   39   47   67  ; axon 65 -> acc 0..2
  .weights 198:  -29  104   58  ; axon 66 -> acc 0..2
  .weights 201:   49    3  -91  ; axon 67 -> acc 0..2
  .weights 204:   41 -105  -50  ; axon 68 -> acc 0..2
  .weights 207:   78    0   87  ; axon 69 -> acc 0..2
  .weights 210:   86   92   20  ; axon 70 -> acc 0..2
  .weights 213:  -43  -61   30  ; axon 71 -> acc 0..2
  .weights 216:  124   54  122  ; axon 72 -> acc 0..2
  .weights 219:  -15   29   79  ; axon 73 -> acc 0..2
  .weights 222:   -4  -21   51  ; axon 74 -> acc 0..2
  .weights 225: -120    1  122  ; axon 75 -> acc 0..2
  .weights 228:  -82   54 -112  ; axon 76 -> acc 0..2
  .weights 231:  -74  -87   20  ; axon 77 -> acc 0..2
  .weights 234:  -54   80   33  ; axon 78 -> acc 0..2
  ACC axons=0..78 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..38
  .route neurons=0..38 core=7 axon=40  ; -> core 7 (x=7, y=0) axons 40..78

; ---- core 8 (x=8, y=0)
;      layer input (input) neurons 511..549 in slots 0..38
.core 8
  .neuron 0..38 threshold=255 init=127
  .weights 0:  121  -29 -105  ; axon 0 -> acc 0..2
  .weights 3:  108   -6  -84  ; axon 1 -> acc 0..2
  .weights 6:  110   93 -109  ; axon 2 -> acc 0..2
  .weights 9:  104   35  -38  ; axon 3 -> acc 0..2
  .weights 12: -122   36   46  ; axon 4 -> acc 0..2
  .weights 15:   42    0 -116  ; axon 5 -> acc 0..2
  .weights 18:   47  -53 -124  ; axon 6 -> acc 0..2
  .weights 21:  -93  -78 -109  ; axon 7 -> acc 0..2
  .weights 24:   51  127  -66  ; axon 8 -> acc 0..2
  .weights 27:  -69  -10   80  ; axon 9 -> acc 0..2
  .weights 30:   20  113  113  ; axon 10 -> acc 0..2
  .weights 33:   42  104  126  ; axon 11 -> acc 0..2
  .weights 36:  110  -66    1  ; axon 12 -> acc 0..2
  .weights 39:  -67    9 -108  ; axon 13 -> acc 0..2
  .weights 42: -100  -32  124  ; axon 14 -> acc 0..2
  .weights 45:  118   -2  -85  ; axon 15 -> acc 0..2
  .weights 48:   53   84   48  ; axon 16 -> acc 0..2
  .weights 51:   62   70   63  ; axon 17 -> acc 0..2
  .weights 54:   46  -72   39  ; axon 18 -> acc 0..2
  .weights 57:  -45  -63   42  ; axon 19 -> acc 0..2
  .weights 60:   76  -90 -118  ; axon 20 -> acc 0..2
  .weights 63: -111 -108  -43  ; axon 21 -> acc 0..2
  .weights 66:   18   81  -82  ; axon 22 -> acc 0..2
  .weights 69:   57  -78   88  ; axon 23 -> acc 0..2
  .weights 72:   87    2  -72  ; axon 24 -> acc 0..2
  .weights 75:  -63    0   -3  ; axon 25 -> acc 0..2
  .weights 78:  -86   22  113  ; axon 26 -> acc 0..2
  .weights 81:   48   -7   96  ; axon 27 -> acc 0..2
  .weights 84: -101   66  -91  ; axon 28 -> acc 0..2
  .weights 87: -106   17 -106  ; axon 29 -> acc 0..2
  .weights 90: -114   91  101  ; axon 30 -> acc 0..2
  .weights 93:  -62   27   37  ; axon 31 -> acc 0..2
  .weights 96:  -24   -2  -97  ; axon 32 -> acc 0..2
  .weights 99:  -75   18  110  ; axon 33 -> acc 0..2
  .weights 102:  -54   85  -92  ; axon 34 -> acc 0..2
  .weights 105: -112   19  110  ; axon 35 -> acc 0..2
  .weights 108:   78   89   91  ; axon 36 -> acc 0..2
  .weights 111:  -29  -12   91  ; axon 37 -> acc 0..2
  .weights 114:  -80    1  -24  ; axon 38 -> acc 0..2
  .weights 117:   33  107   11  ; axon 39 -> acc 0..2
  .weights 120:  -95 -120 -106  ; axon 40 -> acc 0..2
  .weights 123:   89   13   72  ; axon 41 -> acc 0..2
  .weights 126:   73  116    7  ; axon 42 -> acc 0..2
  .weights 129: -125  -64   94  ; axon 43 -> acc 0..2
  .weights 132: -100  -23  -54  ; axon 44 -> acc 0..2
  .weights 135:  -84   -8  123  ; axon 45 -> acc 0..2
  .weights 138:  -69   42   85  ; axon 46 -> acc 0..2
  .weights 141:   16   48  -36  ; axon 47 -> acc 0..2
  .weights 144: -126   29   35  ; axon 48 -> acc 0..2
  .weights 147:  -94   50  -93  ; axon 49 -> acc 0..2
  .weights 150:   58  -54  -85  ; axon 50 -> acc 0..2
  .weights 153:  -42   53  -87  ; axon 51 -> acc 0..2
  .weights 156:  -51  -40  -73  ; axon 52 -> acc 0..2
  .weights 159: -105   80   35  ; axon 53 -> acc 0..2
  .weights 162:   51  -37  -55  ; axon 54 -> acc 0..2
  .weights 165:    9 -108  -44  ; axon 55 -> acc 0..2
  .weights 168:  -49    9   89  ; axon 56 -> acc 0..2
  .weights 171:  -78   66   21  ; axon 57 -> acc 0..2
  .weights 174:   27   -5  -62  ; axon 58 -> acc 0..2
  .weights 177:   35    2  -34  ; axon 59 -> acc 0..2
  .weights 180:   56    0  -33  ; axon 60 -> acc 0..2
  .weights 183:   38   67   59  ; axon 61 -> acc 0..2
  .weights 186:  -19   10   89  ; axon 62 -> acc 0..2
  .weights 189:  -98 -113  101  ; axon 63 -> acc 0..2
  .weights 192:   81  -91  -86  ; axon 64 -> acc 0..2
  .weights 195:   -1    8  -14  ; axon 65 -> acc 0..2
  .weights 198:  -84  -10   30  ; axon 66 -> acc 0..2
  .weights 201:  110  121  -50  ; axon 67 -> acc 0..2
  .weights 204:   71  -30   84  ; axon 68 -> acc 0..2
  .weights 207: -100   97  -14  ; axon 69 -> acc 0..2
  .weights 210:  -63 -107   14  ; axon 70 -> acc 0..2
  .weights 213:  -43 -121 -109  ; axon 71 -> acc 0..2
  .weights 216:  -73  -12   92  ; axon 72 -> acc 0..2
  .weights 219:   59  -80  -84  ; axon 73 -> acc 0..2
  .weights 222:  -91  -37   -3  ; axon 74 -> acc 0..2
  .weights 225:  118   14 -104  ; axon 75 -> acc 0..2
  .weights 228:  -53 -110   97  ; axon 76 -> acc 0..2
  .weights 231:   75   87    7  ; axon 77 -> acc 0..2
  ACC axons=0..77 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..38
  .route neurons=0..38 core=8 axon=39  ; -> core 8 (x=8, y=0) axons 39..77

; ---- core 9 (x=9, y=0)
;      layer 3 (output) neurons 6..7 in slots 0..1
.core 9
  .neuron 0 threshold=354 bias=-294 start=2
  .neuron 1 threshold=354 bias=-245 start=2
  .weights 0:    9  -16  ; axon 0 -> acc 0..1
  .weights 2:   37   95  ; axon 1 -> acc 0..1
  .weights 4:   19   98  ; axon 2 -> acc 0..1
  ACC axons=0..2 w=0 cols=2 acc=0
  PSUM acc=0..1 core=9 neuron=0  ; -> core 9 (x=9, y=0) slots 0..1
  FIRE neurons=0..1

; ---- core 16 (x=0, y=1)
;      layer input (input) neurons 158..197 in slots 0..39
.core 16
  .neuron 0..39 threshold=255 init=127
  FIRE neurons=0..39
  .route neurons=0..39 core=0 axon=0  ; -> core 0 (x=0, y=0) axons 0..39

; ---- core 17 (x=1, y=1)
;      layer input (input) neurons 355..393 in slots 0..38
.core 17
  .neuron 0..38 threshold=255 init=127
  FIRE neurons=0..38
  .route neurons=0..38 core=1 axon=39  ; -> core 1 (x=1, y=0) axons 39..77

; ---- core 18 (x=2, y=1)
;      layer input (input) neurons 277..315 in slots 0..38
.core 18
  .neuron 0..38 threshold=255 init=127
  FIRE neurons=0..38
  .route neurons=0..38 core=2 axon=40  ; -> core 2 (x=2, y=0) axons 40..78

; ---- core 19 (x=3, y=1)
;      layer input (input) neurons 745..783 in slots 0..38
.core 19
  .neuron 0..38 threshold=255 init=127
  FIRE neurons=0..38
  .route neurons=0..38 core=20 axon=39  ; -> core 20 (x=4, y=1) axons 39..77

; ---- core 20 (x=4, y=1)
;      layer input (input) neurons 706..744 in slots 0..38
.core 20
  .neuron 0..38 threshold=255 init=127
  .weights 0:   79   30   73  ; axon 0 -> acc 0..2
  .weights 3:  120   76  -53  ; axon 1 -> acc 0..2
  .weights 6:   94   -8  -31  ; axon 2 -> acc 0..2
  .weights 9:  -97   66  127  ; axon 3 -> acc 0..2
  .weights 12:  -26   25  -20  ; axon 4 -> acc 0..2
  .weights 15:  -24  -28 -114  ; axon 5 -> acc 0..2
  .weights 18:  108   -7   -1  ; axon 6 -> acc 0..2
  .weights 21:  -66 -116    6  ; axon 7 -> acc 0..2
  .weights 24:  -73   -3  -47  ; axon 8 -> acc 0..2
  .weights 27:    2  -42  -14  ; axon 9 -> acc 0..2
  .weights 30:  -30  -43 -104  ; axon 10 -> acc 0..2
  .weights 33:   48  -51   39  ; axon 11 -> acc 0..2
  .weights 36:   15  -28  -88  ; axon 12 -> acc 0..2
  .weights 39:  -76  -94   44  ; axon 13 -> acc 0..2
  .weights 42:   92    7   96  ; axon 14 -> acc 0..2
  .weights 45:   79   -5  -82  ; axon 15 -> acc 0..2
  .weights 48:   28  -33  -50  ; axon 16 -> acc 0..2
  .weights 51: -115  110   12  ; axon 17 -> acc 0..2
  .weights 54:   60   85    0  ; axon 18 -> acc 0..2
  .weights 57:   84   36   74  ; axon 19 -> acc 0..2
  .weights 60:   35  -47   -8  ; axon 20 -> acc 0..2
  .weights 63:  -49   16   21  ; axon 21 -> acc 0..2
  .weights 66:    9  -87  -35  ; axon 22 -> acc 0..2
  .weights 69:  -49   89   42  ; axon 23 -> acc 0..2
  .weights 72:  120  119   38  ; axon 24 -> acc 0..2
  .weights 75:  123  -19 -102  ; axon 25 -> acc 0..2
  .weights 78:  -15   98   67  ; axon 26 -> acc 0..2
  .weights 81:  -85  119  -26  ; axon 27 -> acc 0..2
  .weights 84:   75   -8  114  ; axon 28 -> acc 0..2
  .weights 87:   65  -47 -126  ; axon 29 -> acc 0..2
  .weights 90:   67    6  -13  ; axon 30 -> acc 0..2
  .weights 93:  -96   21   57  ; axon 31 -> acc 0..2
  .weights 96:   43 -118   88  ; axon 32 -> acc 0..2
  .weights 99:  -54   -8    2  ; axon 33 -> acc 0..2
  .weights 102: -112  -46  -69  ; axon 34 -> acc 0..2
  .weights 105:  -89   85  -98  ; axon 35 -> acc 0..2
  .weights 108:   54   -4  -96  ; axon 36 -> acc 0..2
  .weights 111:   48   84  102  ; axon 37 -> acc 0..2
  .weights 114: -111  113 -111  ; axon 38 -> acc 0..2
  .weights 117:   72  -40  -50  ; axon 39 -> acc 0..2
  .weights 120:   97   27   67  ; axon 40 -> acc 0..2
  .weights 123:   96  -11   69  ; axon 41 -> acc 0..2
  .weights 126:   72  -55 -111  ; axon 42 -> acc 0..2
  .weights 129:  -20  -70   25  ; axon 43 -> acc 0..2
  .weights 132:   85    3   15  ; axon 44 -> acc 0..2
  .weights 135:   99   39  117  ; axon 45 -> acc 0..2
  .weights 138:   66  -22   -5  ; axon 46 -> acc 0..2
  .weights 141:  -91   22   54  ; axon 47 -> acc 0..2
  .weights 144:  -44   79  -11  ; axon 48 -> acc 0..2
  .weights 147:  101   53  113  ; axon 49 -> acc 0..2
  .weights 150:   97   52  -13  ; axon 50 -> acc 0..2
  .weights 153:   81   36  -75  ; axon 51 -> acc 0..2
  .weights 156:  -53  -98   23  ; axon 52 -> acc 0..2
  .weights 159:  -25  -77  -67  ; axon 53 -> acc 0..2
  .weights 162:  -95  -94   32  ; axon 54 -> acc 0..2
  .weights 165:  -72   83   88  ; axon 55 -> acc 0..2
  .weights 168:   98 -112  -99  ; axon 56 -> acc 0..2
  .weights 171: -104  -95  -92  ; axon 57 -> acc 0..2
  .weights 174:  -31   84    2  ; axon 58 -> acc 0..2
  .weights 177:   27   75   -7  ; axon 59 -> acc 0..2
  .weights 180:  -76 -120  -40  ; axon 60 -> acc 0..2
  .weights 183:   30   73  106  ; axon 61 -> acc 0..2
  .weights 186:  -20  -29   57  ; axon 62 -> acc 0..2
  .weights 189:   51   27  -42  ; axon 63 -> acc 0..2
  .weights 192:  -97  -80   18  ; axon 64 -> acc 0..2
  .weights 195:   18  -19  -19  ; axon 65 -> acc 0..2
  .weights 198: -116   28  -81  ; axon 66 -> acc 0..2
  .weights 201:   79   97   52  ; axon 67 -> acc 0..2
  .weights 204:  123   77  -84  ; axon 68 -> acc 0..2
  .weights 207:  -45  -69   15  ; axon 69 -> acc 0..2
  .weights 210:   19  -83   86  ; axon 70 -> acc 0..2
  .weights 213:  -65   -8 -117  ; axon 71 -> acc 0..2
  .weights 216:  -81   40    6  ; axon 72 -> acc 0..2
  .weights 219:  -64   70  117  ; axon 73 -> acc 0..2
  .weights 222:  -61 -127   57  ; axon 74 -> acc 0..2
  .weights 225:   24  -10  -50  ; axon 75 -> acc 0..2
  .weights 228:  -15    4   20  ; axon 76 -> acc 0..2
  .weights 231:    9  -59 -119  ; axon 77 -> acc 0..2
  ACC axons=0..77 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..38
  .route neurons=0..38 core=20 axon=0  ; -> core 20 (x=4, y=1) axons 0..38

; ---- core 21 (x=5, y=1)
;      layer input (input) neurons 667..705 in slots 0..38
.core 21
  .neuron 0..38 threshold=255 init=127
  FIRE neurons=0..38
  .route neurons=0..38 core=5 axon=39  ; -> core 5 (x=5, y=0) axons 39..77

; ---- core 22 (x=6, y=1)
;      layer input (input) neurons 550..588 in slots 0..38
.core 22
  .neuron 0..38 threshold=255 init=127
  FIRE neurons=0..38
  .route neurons=0..38 core=6 axon=0  ; -> core 6 (x=6, y=0) axons 0..38

; ---- core 23 (x=7, y=1)
;      layer input (input) neurons 79..118 in slots 0..39
.core 23
  .neuron 0..39 threshold=255 init=127
  FIRE neurons=0..39
  .route neurons=0..39 core=7 axon=0  ; -> core 7 (x=7, y=0) axons 0..39

; ---- core 24 (x=8, y=1)
;      layer input (input) neurons 472..510 in slots 0..38
.core 24
  .neuron 0..38 threshold=255 init=127
  FIRE neurons=0..38
  .route neurons=0..38 core=8 axon=0  ; -> core 8 (x=8, y=0) axons 0..38

; ---- core 36 (x=4, y=2)
;      layer input (input) neurons 40..78 in slots 0..38
.core 36
  .neuron 0..38 threshold=255 init=127
  .weights 0:   65  -97  100  ; axon 0 -> acc 0..2
  .weights 3:  -56  -80  -34  ; axon 1 -> acc 0..2
  .weights 6:  -25 -110 -121  ; axon 2 -> acc 0..2
  .weights 9:   60  -91  -76  ; axon 3 -> acc 0..2
  .weights 12: -120  106    4  ; axon 4 -> acc 0..2
  .weights 15:   76   47  -95  ; axon 5 -> acc 0..2
  .weights 18:  -26 -121   29  ; axon 6 -> acc 0..2
  .weights 21:   65  -21  124  ; axon 7 -> acc 0..2
  .weights 24:   18   10    5  ; axon 8 -> acc 0..2
  .weights 27:  -16   68  -31  ; axon 9 -> acc 0..2
  .weights 30:   35  118  120  ; axon 10 -> acc 0..2
  .weights 33:    6   31   94  ; axon 11 -> acc 0..2
  .weights 36:   46   89   84  ; axon 12 -> acc 0..2
  .weights 39:  -50  -45   10  ; axon 13 -> acc 0..2
  .weights 42:   -9   -4    6  ; axon 14 -> acc 0..2
  .weights 45:  -11  -77  -99  ; axon 15 -> acc 0..2
  .weights 48:   18   29   13  ; axon 16 -> acc 0..2
  .weights 51:   -1  117  124  ; axon 17 -> acc 0..2
  .weights 54:  111   80    7  ; axon 18 -> acc 0..2
  .weights 57:   40  126 -113  ; axon 19 -> acc 0..2
  .weights 60:  -47  -57   70  ; axon 20 -> acc 0..2
  .weights 63:  -77  -16  114  ; axon 21 -> acc 0..2
  .weights 66:  -21   26  106  ; axon 22 -> acc 0..2
  .weights 69:  -55  102    6  ; axon 23 -> acc 0..2
  .weights 72:  -41 -117   24  ; axon 24 -> acc 0..2
  .weights 75:    6  -62   21  ; axon 25 -> acc 0..2
  .weights 78:   76   18  -52  ; axon 26 -> acc 0..2
  .weights 81:   69  -73  -19  ; axon 27 -> acc 0..2
  .weights 84: -124   47  104  ; axon 28 -> acc 0..2
  .weights 87:   79   -9   13  ; axon 29 -> acc 0..2
  .weights 90:   35  -33  120  ; axon 30 -> acc 0..2
  .weights 93:  120   68  -84  ; axon 31 -> acc 0..2
  .weights 96:   84   91  -19  ; axon 32 -> acc 0..2
  .weights 99: -116  124    1  ; axon 33 -> acc 0..2
  .weights 102: -121   58  -76  ; axon 34 -> acc 0..2
  .weights 105:  -61   -3   98  ; axon 35 -> acc 0..2
  .weights 108:  112  104   89  ; axon 36 -> acc 0..2
  .weights 111:  -21  101  -69  ; axon 37 -> acc 0..2
  .weights 114:   54  -64  112  ; axon 38 -> acc 0..2
  .weights 117:  -59   58  118  ; axon 39 -> acc 0..2
  .weights 120:  125   15  -75  ; axon 40 -> acc 0..2
  .weights 123:  -54  -55   -4  ; axon 41 -> acc 0..2
  .weights 126:   95  -30  127  ; axon 42 -> acc 0..2
  .weights 129:    2  -30  -82  ; axon 43 -> acc 0..2
  .weights 132:  -67  -89  -20  ; axon 44 -> acc 0..2
  .weights 135:   65  -39  -87  ; axon 45 -> acc 0..2
  .weights 138:  -67   43   92  ; axon 46 -> acc 0..2
  .weights 141:   37   93   21  ; axon 47 -> acc 0..2
  .weights 144:  -37   10   53  ; axon 48 -> acc 0..2
  .weights 147:  -14 -123   91  ; axon 49 -> acc 0..2
  .weights 150: -122   67  -20  ; axon 50 -> acc 0..2
  .weights 153:  -61  -38 -127  ; axon 51 -> acc 0..2
  .weights 156:   69  113    6  ; axon 52 -> acc 0..2
  .weights 159:  -31 -123  -10  ; axon 53 -> acc 0..2
  .weights 162:  127  -30   46  ; axon 54 -> acc 0..2
  .weights 165:  102   99   59  ; axon 55 -> acc 0..2
  .weights 168:   -6   55  -63  ; axon 56 -> acc 0..2
  .weights 171:  -85  -63  -50  ; axon 57 -> acc 0..2
  .weights 174:   77 -110   80  ; axon 58 -> acc 0..2
  .weights 177:   39   -1   36  ; axon 59 -> acc 0..2
  .weights 180:  -82   49   29  ; axon 60 -> acc 0..2
  .weights 183:   83 -105   57  ; axon 61 -> acc 0..2
  .weights 186:   77 -106   59  ; axon 62 -> acc 0..2
  .weights 189:  113   -2  -92  ; axon 63 -> acc 0..2
  .weights 192:  -71  -26   10  ; axon 64 -> acc 0..2
  .weights 195:  -21   82   12  ; axon 65 -> acc 0..2
  .weights 198:   -2 -123 -123  ; axon 66 -> acc 0..2
  .weights 201:   19  -20   27  ; axon 67 -> acc 0..2
  .weights 204:  -96  -98   -2  ; axon 68 -> acc 0..2
  .weights 207:  -90  -19   99  ; axon 69 -> acc 0..2
  .weights 210:   69  -65 -121  ; axon 70 -> acc 0..2
  .weights 213:  -30   40  119  ; axon 71 -> acc 0..2
  .weights 216:   62 -106  -62  ; axon 72 -> acc 0..2
  .weights 219:    7 -100   75  ; axon 73 -> acc 0..2
  .weights 222:   42  -72   94  ; axon 74 -> acc 0..2
  .weights 225:   28 -111  -16  ; axon 75 -> acc 0..2
  .weights 228:   46   80  -65  ; axon 76 -> acc 0..2
  .weights 231:   63  -18  -21  ; axon 77 -> acc 0..2
  .weights 234: -118  -71  -79  ; axon 78 -> acc 0..2
  ACC axons=0..78 w=0 cols=3 acc=0
  PSUM acc=0..2 core=4 neuron=39  ; -> core 4 (x=4, y=0) slots 39..41
  FIRE neurons=0..38
  .route neurons=0..38 core=36 axon=40  ; -> core 36 (x=4, y=2) axons 40..78

; ---- core 63 (x=15, y=3)
;      layer input (input) neurons 0..39 in slots 0..39
.core 63
  .neuron 0..39 threshold=255 init=127
  FIRE neurons=0..39
  .route neurons=0..39 core=36 axon=0  ; -> core 36 (x=4, y=2) axons 0..39

; ---- core 83 (x=3, y=5)
;      layer 3 (output) neurons 3..5 in slots 0..2
.core 83
  .neuron 0 threshold=354 bias=29 start=2
  .neuron 1 threshold=354 bias=-16 start=2
  .neuron 2 threshold=354 bias=198 start=2
  .weights 0:  -30   53 -113  ; axon 0 -> acc 0..2
  .weights 3:  -93  127    4  ; axon 1 -> acc 0..2
  .weights 6:   17 -126  124  ; axon 2 -> acc 0..2
  ACC axons=0..2 w=0 cols=3 acc=0
  PSUM acc=0..2 core=83 neuron=0  ; -> core 83 (x=3, y=5) slots 0..2
  FIRE neurons=0..2

; ---- core 116 (x=4, y=7)
;      layer 3 (output) neurons 8..9 in slots 0..1
.core 116
  .neuron 0 threshold=354 bias=8 start=2
  .neuron 1 threshold=354 bias=177 start=2
  .weights 0:  -77  -33  ; axon 0 -> acc 0..1
  .weights 2:  -80   -3  ; axon 1 -> acc 0..1
  .weights 4: -104  112  ; axon 2 -> acc 0..1
  ACC axons=0..2 w=0 cols=2 acc=0
  PSUM acc=0..1 core=116 neuron=0  ; -> core 116 (x=4, y=7) slots 0..1
  FIRE neurons=0..1
