"""Run a command; print its exit code and the peak RSS of the largest process in its tree (JSON).

Linux's RUSAGE_CHILDREN ``ru_maxrss`` is the largest resident set of any
descendant that has been waited for, so pool workers are included.
"""

import json
import resource
import subprocess
import sys

code = subprocess.call(sys.argv[1:])
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"exit": code, "peak_rss_mb": round(peak_kb / 1024, 1)}))
