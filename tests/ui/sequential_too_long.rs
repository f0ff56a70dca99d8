use complexity_core::Complexity;

// 520 fields run in order: past the 511 one struct may run.
#[derive(Complexity)]
struct Long {
    #[complexity(relu)]
    r0: (),
    #[complexity(relu)]
    r1: (),
    #[complexity(relu)]
    r2: (),
    #[complexity(relu)]
    r3: (),
    #[complexity(relu)]
    r4: (),
    #[complexity(relu)]
    r5: (),
    #[complexity(relu)]
    r6: (),
    #[complexity(relu)]
    r7: (),
    #[complexity(relu)]
    r8: (),
    #[complexity(relu)]
    r9: (),
    #[complexity(relu)]
    r10: (),
    #[complexity(relu)]
    r11: (),
    #[complexity(relu)]
    r12: (),
    #[complexity(relu)]
    r13: (),
    #[complexity(relu)]
    r14: (),
    #[complexity(relu)]
    r15: (),
    #[complexity(relu)]
    r16: (),
    #[complexity(relu)]
    r17: (),
    #[complexity(relu)]
    r18: (),
    #[complexity(relu)]
    r19: (),
    #[complexity(relu)]
    r20: (),
    #[complexity(relu)]
    r21: (),
    #[complexity(relu)]
    r22: (),
    #[complexity(relu)]
    r23: (),
    #[complexity(relu)]
    r24: (),
    #[complexity(relu)]
    r25: (),
    #[complexity(relu)]
    r26: (),
    #[complexity(relu)]
    r27: (),
    #[complexity(relu)]
    r28: (),
    #[complexity(relu)]
    r29: (),
    #[complexity(relu)]
    r30: (),
    #[complexity(relu)]
    r31: (),
    #[complexity(relu)]
    r32: (),
    #[complexity(relu)]
    r33: (),
    #[complexity(relu)]
    r34: (),
    #[complexity(relu)]
    r35: (),
    #[complexity(relu)]
    r36: (),
    #[complexity(relu)]
    r37: (),
    #[complexity(relu)]
    r38: (),
    #[complexity(relu)]
    r39: (),
    #[complexity(relu)]
    r40: (),
    #[complexity(relu)]
    r41: (),
    #[complexity(relu)]
    r42: (),
    #[complexity(relu)]
    r43: (),
    #[complexity(relu)]
    r44: (),
    #[complexity(relu)]
    r45: (),
    #[complexity(relu)]
    r46: (),
    #[complexity(relu)]
    r47: (),
    #[complexity(relu)]
    r48: (),
    #[complexity(relu)]
    r49: (),
    #[complexity(relu)]
    r50: (),
    #[complexity(relu)]
    r51: (),
    #[complexity(relu)]
    r52: (),
    #[complexity(relu)]
    r53: (),
    #[complexity(relu)]
    r54: (),
    #[complexity(relu)]
    r55: (),
    #[complexity(relu)]
    r56: (),
    #[complexity(relu)]
    r57: (),
    #[complexity(relu)]
    r58: (),
    #[complexity(relu)]
    r59: (),
    #[complexity(relu)]
    r60: (),
    #[complexity(relu)]
    r61: (),
    #[complexity(relu)]
    r62: (),
    #[complexity(relu)]
    r63: (),
    #[complexity(relu)]
    r64: (),
    #[complexity(relu)]
    r65: (),
    #[complexity(relu)]
    r66: (),
    #[complexity(relu)]
    r67: (),
    #[complexity(relu)]
    r68: (),
    #[complexity(relu)]
    r69: (),
    #[complexity(relu)]
    r70: (),
    #[complexity(relu)]
    r71: (),
    #[complexity(relu)]
    r72: (),
    #[complexity(relu)]
    r73: (),
    #[complexity(relu)]
    r74: (),
    #[complexity(relu)]
    r75: (),
    #[complexity(relu)]
    r76: (),
    #[complexity(relu)]
    r77: (),
    #[complexity(relu)]
    r78: (),
    #[complexity(relu)]
    r79: (),
    #[complexity(relu)]
    r80: (),
    #[complexity(relu)]
    r81: (),
    #[complexity(relu)]
    r82: (),
    #[complexity(relu)]
    r83: (),
    #[complexity(relu)]
    r84: (),
    #[complexity(relu)]
    r85: (),
    #[complexity(relu)]
    r86: (),
    #[complexity(relu)]
    r87: (),
    #[complexity(relu)]
    r88: (),
    #[complexity(relu)]
    r89: (),
    #[complexity(relu)]
    r90: (),
    #[complexity(relu)]
    r91: (),
    #[complexity(relu)]
    r92: (),
    #[complexity(relu)]
    r93: (),
    #[complexity(relu)]
    r94: (),
    #[complexity(relu)]
    r95: (),
    #[complexity(relu)]
    r96: (),
    #[complexity(relu)]
    r97: (),
    #[complexity(relu)]
    r98: (),
    #[complexity(relu)]
    r99: (),
    #[complexity(relu)]
    r100: (),
    #[complexity(relu)]
    r101: (),
    #[complexity(relu)]
    r102: (),
    #[complexity(relu)]
    r103: (),
    #[complexity(relu)]
    r104: (),
    #[complexity(relu)]
    r105: (),
    #[complexity(relu)]
    r106: (),
    #[complexity(relu)]
    r107: (),
    #[complexity(relu)]
    r108: (),
    #[complexity(relu)]
    r109: (),
    #[complexity(relu)]
    r110: (),
    #[complexity(relu)]
    r111: (),
    #[complexity(relu)]
    r112: (),
    #[complexity(relu)]
    r113: (),
    #[complexity(relu)]
    r114: (),
    #[complexity(relu)]
    r115: (),
    #[complexity(relu)]
    r116: (),
    #[complexity(relu)]
    r117: (),
    #[complexity(relu)]
    r118: (),
    #[complexity(relu)]
    r119: (),
    #[complexity(relu)]
    r120: (),
    #[complexity(relu)]
    r121: (),
    #[complexity(relu)]
    r122: (),
    #[complexity(relu)]
    r123: (),
    #[complexity(relu)]
    r124: (),
    #[complexity(relu)]
    r125: (),
    #[complexity(relu)]
    r126: (),
    #[complexity(relu)]
    r127: (),
    #[complexity(relu)]
    r128: (),
    #[complexity(relu)]
    r129: (),
    #[complexity(relu)]
    r130: (),
    #[complexity(relu)]
    r131: (),
    #[complexity(relu)]
    r132: (),
    #[complexity(relu)]
    r133: (),
    #[complexity(relu)]
    r134: (),
    #[complexity(relu)]
    r135: (),
    #[complexity(relu)]
    r136: (),
    #[complexity(relu)]
    r137: (),
    #[complexity(relu)]
    r138: (),
    #[complexity(relu)]
    r139: (),
    #[complexity(relu)]
    r140: (),
    #[complexity(relu)]
    r141: (),
    #[complexity(relu)]
    r142: (),
    #[complexity(relu)]
    r143: (),
    #[complexity(relu)]
    r144: (),
    #[complexity(relu)]
    r145: (),
    #[complexity(relu)]
    r146: (),
    #[complexity(relu)]
    r147: (),
    #[complexity(relu)]
    r148: (),
    #[complexity(relu)]
    r149: (),
    #[complexity(relu)]
    r150: (),
    #[complexity(relu)]
    r151: (),
    #[complexity(relu)]
    r152: (),
    #[complexity(relu)]
    r153: (),
    #[complexity(relu)]
    r154: (),
    #[complexity(relu)]
    r155: (),
    #[complexity(relu)]
    r156: (),
    #[complexity(relu)]
    r157: (),
    #[complexity(relu)]
    r158: (),
    #[complexity(relu)]
    r159: (),
    #[complexity(relu)]
    r160: (),
    #[complexity(relu)]
    r161: (),
    #[complexity(relu)]
    r162: (),
    #[complexity(relu)]
    r163: (),
    #[complexity(relu)]
    r164: (),
    #[complexity(relu)]
    r165: (),
    #[complexity(relu)]
    r166: (),
    #[complexity(relu)]
    r167: (),
    #[complexity(relu)]
    r168: (),
    #[complexity(relu)]
    r169: (),
    #[complexity(relu)]
    r170: (),
    #[complexity(relu)]
    r171: (),
    #[complexity(relu)]
    r172: (),
    #[complexity(relu)]
    r173: (),
    #[complexity(relu)]
    r174: (),
    #[complexity(relu)]
    r175: (),
    #[complexity(relu)]
    r176: (),
    #[complexity(relu)]
    r177: (),
    #[complexity(relu)]
    r178: (),
    #[complexity(relu)]
    r179: (),
    #[complexity(relu)]
    r180: (),
    #[complexity(relu)]
    r181: (),
    #[complexity(relu)]
    r182: (),
    #[complexity(relu)]
    r183: (),
    #[complexity(relu)]
    r184: (),
    #[complexity(relu)]
    r185: (),
    #[complexity(relu)]
    r186: (),
    #[complexity(relu)]
    r187: (),
    #[complexity(relu)]
    r188: (),
    #[complexity(relu)]
    r189: (),
    #[complexity(relu)]
    r190: (),
    #[complexity(relu)]
    r191: (),
    #[complexity(relu)]
    r192: (),
    #[complexity(relu)]
    r193: (),
    #[complexity(relu)]
    r194: (),
    #[complexity(relu)]
    r195: (),
    #[complexity(relu)]
    r196: (),
    #[complexity(relu)]
    r197: (),
    #[complexity(relu)]
    r198: (),
    #[complexity(relu)]
    r199: (),
    #[complexity(relu)]
    r200: (),
    #[complexity(relu)]
    r201: (),
    #[complexity(relu)]
    r202: (),
    #[complexity(relu)]
    r203: (),
    #[complexity(relu)]
    r204: (),
    #[complexity(relu)]
    r205: (),
    #[complexity(relu)]
    r206: (),
    #[complexity(relu)]
    r207: (),
    #[complexity(relu)]
    r208: (),
    #[complexity(relu)]
    r209: (),
    #[complexity(relu)]
    r210: (),
    #[complexity(relu)]
    r211: (),
    #[complexity(relu)]
    r212: (),
    #[complexity(relu)]
    r213: (),
    #[complexity(relu)]
    r214: (),
    #[complexity(relu)]
    r215: (),
    #[complexity(relu)]
    r216: (),
    #[complexity(relu)]
    r217: (),
    #[complexity(relu)]
    r218: (),
    #[complexity(relu)]
    r219: (),
    #[complexity(relu)]
    r220: (),
    #[complexity(relu)]
    r221: (),
    #[complexity(relu)]
    r222: (),
    #[complexity(relu)]
    r223: (),
    #[complexity(relu)]
    r224: (),
    #[complexity(relu)]
    r225: (),
    #[complexity(relu)]
    r226: (),
    #[complexity(relu)]
    r227: (),
    #[complexity(relu)]
    r228: (),
    #[complexity(relu)]
    r229: (),
    #[complexity(relu)]
    r230: (),
    #[complexity(relu)]
    r231: (),
    #[complexity(relu)]
    r232: (),
    #[complexity(relu)]
    r233: (),
    #[complexity(relu)]
    r234: (),
    #[complexity(relu)]
    r235: (),
    #[complexity(relu)]
    r236: (),
    #[complexity(relu)]
    r237: (),
    #[complexity(relu)]
    r238: (),
    #[complexity(relu)]
    r239: (),
    #[complexity(relu)]
    r240: (),
    #[complexity(relu)]
    r241: (),
    #[complexity(relu)]
    r242: (),
    #[complexity(relu)]
    r243: (),
    #[complexity(relu)]
    r244: (),
    #[complexity(relu)]
    r245: (),
    #[complexity(relu)]
    r246: (),
    #[complexity(relu)]
    r247: (),
    #[complexity(relu)]
    r248: (),
    #[complexity(relu)]
    r249: (),
    #[complexity(relu)]
    r250: (),
    #[complexity(relu)]
    r251: (),
    #[complexity(relu)]
    r252: (),
    #[complexity(relu)]
    r253: (),
    #[complexity(relu)]
    r254: (),
    #[complexity(relu)]
    r255: (),
    #[complexity(relu)]
    r256: (),
    #[complexity(relu)]
    r257: (),
    #[complexity(relu)]
    r258: (),
    #[complexity(relu)]
    r259: (),
    #[complexity(relu)]
    r260: (),
    #[complexity(relu)]
    r261: (),
    #[complexity(relu)]
    r262: (),
    #[complexity(relu)]
    r263: (),
    #[complexity(relu)]
    r264: (),
    #[complexity(relu)]
    r265: (),
    #[complexity(relu)]
    r266: (),
    #[complexity(relu)]
    r267: (),
    #[complexity(relu)]
    r268: (),
    #[complexity(relu)]
    r269: (),
    #[complexity(relu)]
    r270: (),
    #[complexity(relu)]
    r271: (),
    #[complexity(relu)]
    r272: (),
    #[complexity(relu)]
    r273: (),
    #[complexity(relu)]
    r274: (),
    #[complexity(relu)]
    r275: (),
    #[complexity(relu)]
    r276: (),
    #[complexity(relu)]
    r277: (),
    #[complexity(relu)]
    r278: (),
    #[complexity(relu)]
    r279: (),
    #[complexity(relu)]
    r280: (),
    #[complexity(relu)]
    r281: (),
    #[complexity(relu)]
    r282: (),
    #[complexity(relu)]
    r283: (),
    #[complexity(relu)]
    r284: (),
    #[complexity(relu)]
    r285: (),
    #[complexity(relu)]
    r286: (),
    #[complexity(relu)]
    r287: (),
    #[complexity(relu)]
    r288: (),
    #[complexity(relu)]
    r289: (),
    #[complexity(relu)]
    r290: (),
    #[complexity(relu)]
    r291: (),
    #[complexity(relu)]
    r292: (),
    #[complexity(relu)]
    r293: (),
    #[complexity(relu)]
    r294: (),
    #[complexity(relu)]
    r295: (),
    #[complexity(relu)]
    r296: (),
    #[complexity(relu)]
    r297: (),
    #[complexity(relu)]
    r298: (),
    #[complexity(relu)]
    r299: (),
    #[complexity(relu)]
    r300: (),
    #[complexity(relu)]
    r301: (),
    #[complexity(relu)]
    r302: (),
    #[complexity(relu)]
    r303: (),
    #[complexity(relu)]
    r304: (),
    #[complexity(relu)]
    r305: (),
    #[complexity(relu)]
    r306: (),
    #[complexity(relu)]
    r307: (),
    #[complexity(relu)]
    r308: (),
    #[complexity(relu)]
    r309: (),
    #[complexity(relu)]
    r310: (),
    #[complexity(relu)]
    r311: (),
    #[complexity(relu)]
    r312: (),
    #[complexity(relu)]
    r313: (),
    #[complexity(relu)]
    r314: (),
    #[complexity(relu)]
    r315: (),
    #[complexity(relu)]
    r316: (),
    #[complexity(relu)]
    r317: (),
    #[complexity(relu)]
    r318: (),
    #[complexity(relu)]
    r319: (),
    #[complexity(relu)]
    r320: (),
    #[complexity(relu)]
    r321: (),
    #[complexity(relu)]
    r322: (),
    #[complexity(relu)]
    r323: (),
    #[complexity(relu)]
    r324: (),
    #[complexity(relu)]
    r325: (),
    #[complexity(relu)]
    r326: (),
    #[complexity(relu)]
    r327: (),
    #[complexity(relu)]
    r328: (),
    #[complexity(relu)]
    r329: (),
    #[complexity(relu)]
    r330: (),
    #[complexity(relu)]
    r331: (),
    #[complexity(relu)]
    r332: (),
    #[complexity(relu)]
    r333: (),
    #[complexity(relu)]
    r334: (),
    #[complexity(relu)]
    r335: (),
    #[complexity(relu)]
    r336: (),
    #[complexity(relu)]
    r337: (),
    #[complexity(relu)]
    r338: (),
    #[complexity(relu)]
    r339: (),
    #[complexity(relu)]
    r340: (),
    #[complexity(relu)]
    r341: (),
    #[complexity(relu)]
    r342: (),
    #[complexity(relu)]
    r343: (),
    #[complexity(relu)]
    r344: (),
    #[complexity(relu)]
    r345: (),
    #[complexity(relu)]
    r346: (),
    #[complexity(relu)]
    r347: (),
    #[complexity(relu)]
    r348: (),
    #[complexity(relu)]
    r349: (),
    #[complexity(relu)]
    r350: (),
    #[complexity(relu)]
    r351: (),
    #[complexity(relu)]
    r352: (),
    #[complexity(relu)]
    r353: (),
    #[complexity(relu)]
    r354: (),
    #[complexity(relu)]
    r355: (),
    #[complexity(relu)]
    r356: (),
    #[complexity(relu)]
    r357: (),
    #[complexity(relu)]
    r358: (),
    #[complexity(relu)]
    r359: (),
    #[complexity(relu)]
    r360: (),
    #[complexity(relu)]
    r361: (),
    #[complexity(relu)]
    r362: (),
    #[complexity(relu)]
    r363: (),
    #[complexity(relu)]
    r364: (),
    #[complexity(relu)]
    r365: (),
    #[complexity(relu)]
    r366: (),
    #[complexity(relu)]
    r367: (),
    #[complexity(relu)]
    r368: (),
    #[complexity(relu)]
    r369: (),
    #[complexity(relu)]
    r370: (),
    #[complexity(relu)]
    r371: (),
    #[complexity(relu)]
    r372: (),
    #[complexity(relu)]
    r373: (),
    #[complexity(relu)]
    r374: (),
    #[complexity(relu)]
    r375: (),
    #[complexity(relu)]
    r376: (),
    #[complexity(relu)]
    r377: (),
    #[complexity(relu)]
    r378: (),
    #[complexity(relu)]
    r379: (),
    #[complexity(relu)]
    r380: (),
    #[complexity(relu)]
    r381: (),
    #[complexity(relu)]
    r382: (),
    #[complexity(relu)]
    r383: (),
    #[complexity(relu)]
    r384: (),
    #[complexity(relu)]
    r385: (),
    #[complexity(relu)]
    r386: (),
    #[complexity(relu)]
    r387: (),
    #[complexity(relu)]
    r388: (),
    #[complexity(relu)]
    r389: (),
    #[complexity(relu)]
    r390: (),
    #[complexity(relu)]
    r391: (),
    #[complexity(relu)]
    r392: (),
    #[complexity(relu)]
    r393: (),
    #[complexity(relu)]
    r394: (),
    #[complexity(relu)]
    r395: (),
    #[complexity(relu)]
    r396: (),
    #[complexity(relu)]
    r397: (),
    #[complexity(relu)]
    r398: (),
    #[complexity(relu)]
    r399: (),
    #[complexity(relu)]
    r400: (),
    #[complexity(relu)]
    r401: (),
    #[complexity(relu)]
    r402: (),
    #[complexity(relu)]
    r403: (),
    #[complexity(relu)]
    r404: (),
    #[complexity(relu)]
    r405: (),
    #[complexity(relu)]
    r406: (),
    #[complexity(relu)]
    r407: (),
    #[complexity(relu)]
    r408: (),
    #[complexity(relu)]
    r409: (),
    #[complexity(relu)]
    r410: (),
    #[complexity(relu)]
    r411: (),
    #[complexity(relu)]
    r412: (),
    #[complexity(relu)]
    r413: (),
    #[complexity(relu)]
    r414: (),
    #[complexity(relu)]
    r415: (),
    #[complexity(relu)]
    r416: (),
    #[complexity(relu)]
    r417: (),
    #[complexity(relu)]
    r418: (),
    #[complexity(relu)]
    r419: (),
    #[complexity(relu)]
    r420: (),
    #[complexity(relu)]
    r421: (),
    #[complexity(relu)]
    r422: (),
    #[complexity(relu)]
    r423: (),
    #[complexity(relu)]
    r424: (),
    #[complexity(relu)]
    r425: (),
    #[complexity(relu)]
    r426: (),
    #[complexity(relu)]
    r427: (),
    #[complexity(relu)]
    r428: (),
    #[complexity(relu)]
    r429: (),
    #[complexity(relu)]
    r430: (),
    #[complexity(relu)]
    r431: (),
    #[complexity(relu)]
    r432: (),
    #[complexity(relu)]
    r433: (),
    #[complexity(relu)]
    r434: (),
    #[complexity(relu)]
    r435: (),
    #[complexity(relu)]
    r436: (),
    #[complexity(relu)]
    r437: (),
    #[complexity(relu)]
    r438: (),
    #[complexity(relu)]
    r439: (),
    #[complexity(relu)]
    r440: (),
    #[complexity(relu)]
    r441: (),
    #[complexity(relu)]
    r442: (),
    #[complexity(relu)]
    r443: (),
    #[complexity(relu)]
    r444: (),
    #[complexity(relu)]
    r445: (),
    #[complexity(relu)]
    r446: (),
    #[complexity(relu)]
    r447: (),
    #[complexity(relu)]
    r448: (),
    #[complexity(relu)]
    r449: (),
    #[complexity(relu)]
    r450: (),
    #[complexity(relu)]
    r451: (),
    #[complexity(relu)]
    r452: (),
    #[complexity(relu)]
    r453: (),
    #[complexity(relu)]
    r454: (),
    #[complexity(relu)]
    r455: (),
    #[complexity(relu)]
    r456: (),
    #[complexity(relu)]
    r457: (),
    #[complexity(relu)]
    r458: (),
    #[complexity(relu)]
    r459: (),
    #[complexity(relu)]
    r460: (),
    #[complexity(relu)]
    r461: (),
    #[complexity(relu)]
    r462: (),
    #[complexity(relu)]
    r463: (),
    #[complexity(relu)]
    r464: (),
    #[complexity(relu)]
    r465: (),
    #[complexity(relu)]
    r466: (),
    #[complexity(relu)]
    r467: (),
    #[complexity(relu)]
    r468: (),
    #[complexity(relu)]
    r469: (),
    #[complexity(relu)]
    r470: (),
    #[complexity(relu)]
    r471: (),
    #[complexity(relu)]
    r472: (),
    #[complexity(relu)]
    r473: (),
    #[complexity(relu)]
    r474: (),
    #[complexity(relu)]
    r475: (),
    #[complexity(relu)]
    r476: (),
    #[complexity(relu)]
    r477: (),
    #[complexity(relu)]
    r478: (),
    #[complexity(relu)]
    r479: (),
    #[complexity(relu)]
    r480: (),
    #[complexity(relu)]
    r481: (),
    #[complexity(relu)]
    r482: (),
    #[complexity(relu)]
    r483: (),
    #[complexity(relu)]
    r484: (),
    #[complexity(relu)]
    r485: (),
    #[complexity(relu)]
    r486: (),
    #[complexity(relu)]
    r487: (),
    #[complexity(relu)]
    r488: (),
    #[complexity(relu)]
    r489: (),
    #[complexity(relu)]
    r490: (),
    #[complexity(relu)]
    r491: (),
    #[complexity(relu)]
    r492: (),
    #[complexity(relu)]
    r493: (),
    #[complexity(relu)]
    r494: (),
    #[complexity(relu)]
    r495: (),
    #[complexity(relu)]
    r496: (),
    #[complexity(relu)]
    r497: (),
    #[complexity(relu)]
    r498: (),
    #[complexity(relu)]
    r499: (),
    #[complexity(relu)]
    r500: (),
    #[complexity(relu)]
    r501: (),
    #[complexity(relu)]
    r502: (),
    #[complexity(relu)]
    r503: (),
    #[complexity(relu)]
    r504: (),
    #[complexity(relu)]
    r505: (),
    #[complexity(relu)]
    r506: (),
    #[complexity(relu)]
    r507: (),
    #[complexity(relu)]
    r508: (),
    #[complexity(relu)]
    r509: (),
    #[complexity(relu)]
    r510: (),
    #[complexity(relu)]
    r511: (),
    #[complexity(relu)]
    r512: (),
    #[complexity(relu)]
    r513: (),
    #[complexity(relu)]
    r514: (),
    #[complexity(relu)]
    r515: (),
    #[complexity(relu)]
    r516: (),
    #[complexity(relu)]
    r517: (),
    #[complexity(relu)]
    r518: (),
    #[complexity(relu)]
    r519: (),
}

fn main() {}
