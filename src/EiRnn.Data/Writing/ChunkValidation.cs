using System.Globalization;
using EiRnn.Core.Errors;
using EiRnn.Data.Manifest;

namespace EiRnn.Data.Writing;

/// <summary>Checks a <see cref="TrialChunk"/> against the dataset's manifest before any of it is buffered.</summary>
internal static class ChunkValidation
{
    public static void Check(TrialChunk c, DatasetManifest m)
    {
        int b = c.Count;
        static void Need(bool ok, string problem)
        {
            if (!ok) throw new DatasetException($"trial chunk: {problem}");
        }
        Need(c.Seed.Length == b && c.Conditions.Count == b && c.Outcomes.Count == b && c.Periods.Count == b,
            $"per-trial arrays must all have {b} entries (seed {c.Seed.Length}, conditions {c.Conditions.Count}, " +
            $"outcomes {c.Outcomes.Count}, periods {c.Periods.Count})");
        Need(c.TSave == m.TSave, $"t_save is {c.TSave}, the manifest says {m.TSave}");
        Need(c.Nout == m.Nout, $"nout is {c.Nout}, the manifest says {m.Nout}");
        Need(c.N == m.N, $"n is {c.N}, the manifest says {m.N}");
        Need(c.Z.Length == (long)b * m.TSave * m.Nout, $"z has {c.Z.Length} values, expected B*TSave*Nout = {(long)b * m.TSave * m.Nout}");
        if (m.SavesR)
            Need(c.R is not null && c.R.Length == (long)b * m.TSave * m.N,
                $"r has {c.R?.Length.ToString(CultureInfo.InvariantCulture) ?? "no"} values, expected B*TSave*N = {(long)b * m.TSave * m.N} (the manifest saves r)");
        else
            Need(c.R is null, "has r but the manifest does not save r");
        for (int i = 0; i < b; i++)
        {
            var o = c.Outcomes[i];
            Need(o.Choice is null || (o.Choice >= 0 && o.Choice < m.Nout), $"trial {c.Trial[i]}: choice {o.Choice} is not an output index in [0, {m.Nout - 1}]");
            Need(o.RtMs is null || double.IsFinite(o.RtMs.Value), $"trial {c.Trial[i]}: rt_ms {o.RtMs} is not finite");
            Need(!o.Diverged || (o.Choice is null && o.Correct is null && o.RtMs is null),
                $"trial {c.Trial[i]}: a diverged trial must have no choice, correct or rt_ms");
        }
    }
}
