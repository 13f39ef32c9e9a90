using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Network;

namespace EiRnn.Simulation.Sweeps;

/// <summary>
/// A resolved perturbation as the manifest records it (`perturbations[].parameters`): the units and windows
/// actually used, factors, and the W_rec change by block or, when not block-structured, entry by entry.
/// </summary>
public static class PerturbationParameters
{
    public static JsonElement Of(ResolvedPerturbation p, NetworkSpec network)
    {
        if (p.IsNeutral) return JsonSerializer.SerializeToElement(new { description = p.Description }, JsonConfig.Compact);
        object? recurrent = null;
        if (p.RecurrentMultiplier is { } m)
        {
            if (new PerturbationFeeds(network).BlockScale(m) is { } s)
                recurrent = new Dictionary<string, float> { ["E->E"] = s[0], ["E->I"] = s[1], ["I->E"] = s[2], ["I->I"] = s[3] };
            else
            {
                int n = network.N;
                recurrent = Enumerable.Range(0, m.Length).Where(k => m[k] != 1f).Select(k => new object[] { k / n, k % n, m[k] }).ToArray();
            }
        }
        var value = new Dictionary<string, object?>
        {
            ["description"] = p.Description,
            ["rate_lesions"] = p.RateLesions.Select(l => new { units = l.Units, window = Window(l.Window) }).ToArray(),
            ["currents"] = p.Currents.Select(c => new { units = c.Units, current = c.Current, window = Window(c.Window) }).ToArray(),
            // {"E->I": f, ...} by [pre -> post] type, or [[post, pre, factor], ...] for individual connections.
            ["w_rec_multiplier"] = recurrent,
            ["w_in_scale"] = p.InputWeightScale,
            ["w_out_scale"] = p.OutputWeightScale,
            ["sigma_rec_scale"] = p.SigmaRecScale,
            ["sigma_in_scale"] = p.SigmaInScale,
            ["input_gains"] = p.InputGains,
        };
        return JsonSerializer.SerializeToElement(value, JsonConfig.Compact);
    }

    private static object Window(EffectWindow w) => new { period = w.Period, start_ms = w.StartMs, end_ms = w.EndMs };
}
