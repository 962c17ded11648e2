"""The pass/fail lines of the end-to-end scripts that check the validator:
"ok   LABEL" or "FAIL LABEL DETAIL", the failed labels kept in `fails` for the
script's exit status.  check returns cond, so a script may go on only when
it held.
"""
fails = []


def check(label, cond, detail=""):
    if cond:
        print("ok   %s" % label)
    else:
        print("FAIL %s %s" % (label, detail))
        fails.append(label)
    return cond
