namespace EiRnn.Tasks.Tests.Support;

/// <summary>Exact two-sided binomial acceptance interval: [lo, hi] with P(X &lt; lo) ≤ α/2 and P(X &gt; hi) ≤ α/2.</summary>
internal static class BinomialInterval
{
    public static (int Lo, int Hi) Central(int n, double p, double confidence)
    {
        double tail = (1 - confidence) / 2;
        if (p <= 0) return (0, 0);
        if (p >= 1) return (n, n);
        var pmf = new double[n + 1];
        for (int k = 0; k <= n; k++)
            pmf[k] = Math.Exp(LogChoose(n, k) + k * Math.Log(p) + (n - k) * Math.Log(1 - p));
        int lo = 0; double below = 0;
        while (below + pmf[lo] <= tail) below += pmf[lo++];
        int hi = n; double above = 0;
        while (above + pmf[hi] <= tail) above += pmf[hi--];
        return (lo, hi);
    }

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(int n)
    {
        double s = 0;
        for (int i = 2; i <= n; i++) s += Math.Log(i);
        return s;
    }
}
