"""bench/lsa.py FILE N: scipy's linear_sum_assignment (maximize) on the N x N float64 matrix in
FILE (row-major, native byte order), for bench_assign. Prints: total seconds."""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

path, n = sys.argv[1], int(sys.argv[2])
a = np.fromfile(path, dtype=np.float64).reshape(n, n)
t0 = time.perf_counter()
rows, cols = linear_sum_assignment(a, maximize=True)
t1 = time.perf_counter()
print(f"{a[rows, cols].sum():.6f} {t1 - t0:.6f}")
