namespace EiRnn.Tasks.Contract;

/// <summary>Shared performance measures over scored trials.</summary>
public static class Scoring
{
    /// <summary>Fraction correct over trials whose correctness is defined (catch and c = 0 excluded).</summary>
    public static double FractionCorrect(IReadOnlyList<TrialOutcome> outcomes)
    {
        int n = 0, right = 0;
        foreach (var o in outcomes)
        {
            if (o.Correct is not bool ok) continue;
            n++; if (ok) right++;
        }
        return n == 0 ? double.NaN : (double)right / n;
    }
}
