"""pandas doing the CLI's RFM and ABC work on Online Retail, for the side-by-side benchmark.

Same definitions as the engine (DESIGN §4-5): amount = quantity x unit price, lines without a customer
dropped, an order = (customer, invoice) with a positive net amount is a purchase dated by its earliest
line, R = as-of (last date in the data) - last purchase day, F = purchases, M = net sum of all lines;
quintile scores by qcut on ranks; ABC tiers by cumulative share of revenue (80 % / 95 %).
Prints one JSON line: seconds of the work (read to ABC), import seconds, versions, checks.
Usage: /usr/bin/python3 rfm_abc.py online_retail.csv
"""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

t_import = time.perf_counter() - t0


def run(path):
    df = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
    df["amount"] = df["Quantity"] * df["UnitPrice"]
    df = df.dropna(subset=["CustomerID"])
    df["day"] = df["InvoiceDate"].dt.normalize()
    as_of = df["day"].max()
    orders = df.groupby(["CustomerID", "InvoiceNo"], sort=False).agg(net=("amount", "sum"), day=("day", "min"))
    bought = orders[orders["net"] > 1e-9]
    per = bought.groupby(level=0).agg(last=("day", "max"), F=("net", "size"))
    M = df.groupby("CustomerID")["amount"].sum()
    c = per.join(M.rename("M"), how="inner")
    c["R"] = (as_of - c["last"]).dt.days
    c["r_score"] = pd.qcut(c["R"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1]).astype(int)
    c["f_score"] = pd.qcut(c["F"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
    c["m_score"] = pd.qcut(c["M"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
    s = c["M"].sort_values(ascending=False)
    share = s.cumsum() / s.sum()
    c["abc"] = pd.Series(np.where(share <= 0.8, "A", np.where(share <= 0.95, "B", "C")), index=s.index)
    return c


t1 = time.perf_counter()
c = run(sys.argv[1])
work = time.perf_counter() - t1
print(
    json.dumps(
        {
            "seconds": work,
            "import_seconds": t_import,
            "scored_customers": int(len(c)),
            "monetary_total": float(c["M"].sum()),
            "a_customers": int((c["abc"] == "A").sum()),
            "versions": {"python": sys.version.split()[0], "pandas": pd.__version__, "numpy": np.__version__},
        }
    )
)
