using EiRnn.Core.Random;

namespace EiRnn.Analysis.Claims;

/// <summary>Measures each claim of a task on one network and judges it against its threshold (docs/reproduce.md).</summary>
public static class ClaimEvaluator
{
    public static IReadOnlyList<ClaimResult> Evaluate(string model, IReadOnlyList<Claim> claims, ClaimData data, ClaimsFile file)
    {
        int b = file.BootstrapResamples;
        double level = file.ConfidenceLevel;
        var behaviour = new BehaviourMeasures(data.Capabilities, data.Trials, b, level);
        var population = new PopulationMeasures(b, level);
        var results = new List<ClaimResult>();
        foreach (var claim in claims)
        {
            // One stream per claim and network, named after both: adding a claim never shifts another's interval.
            var rng = RandomStream.Derive(file.Seed, $"reproduce/{model}/{claim.Id}");
            var m = claim.Measure;
            Measurement measured = m.Kind switch
            {
                MeasureKind.PositiveChoiceAtZeroEvidence => behaviour.PositiveChoiceAtZero(rng),
                MeasureKind.PsychometricFitR2 => behaviour.FitR2(rng),
                MeasureKind.DurationAccuracyGain => behaviour.DurationGain(m.MinAbsEvidence!.Value, m.MaxAbsEvidence!.Value, data.SampleTimesMs, rng),
                MeasureKind.CorrectRtLogEvidenceSlope => behaviour.RtSlope(rng),
                MeasureKind.IrrelevantToRelevantSlopeRatio => behaviour.SlopeRatio(m.ContextLevel!, rng),
                MeasureKind.MinimumPairAccuracy => behaviour.PairAccuracy(minimum: true, rng),
                MeasureKind.MedianPairAccuracy => behaviour.PairAccuracy(minimum: false, rng),
                MeasureKind.MinimumPerConditionAccuracy => behaviour.ConditionAccuracy(rng),
                MeasureKind.CombinedToBestSingleThresholdRatio => CueMeasures.ThresholdRatio(data.Capabilities, data.Trials, againstOptimal: false, b, level, rng),
                MeasureKind.CombinedToOptimalThresholdRatio => CueMeasures.ThresholdRatio(data.Capabilities, data.Trials, againstOptimal: true, b, level, rng),
                MeasureKind.PositiveChoiceAxisFraction => population.PositiveChoiceAxis(data.Analysis?.Mante, rng),
                MeasureKind.SelectiveUnitFraction => population.SelectiveFraction(data.Cues, m.Factor!, m.MinAbsDprime!.Value, rng),
                MeasureKind.TunedFraction => population.TunedFraction(data.Analysis?.RomoTuning, m.Factor!, m.Window!, rng),
                MeasureKind.NoiseFreePc12Share => population.Pc12Share(data.NoiseFreeRuns, data.Units, rng),
                MeasureKind.BetweenPoolExcitationChange => PoolMeasures.BetweenPoolChange(data.Network?.Spec, data.Network?.Weights?.WRec, data.Initial,
                    ChoiceDPrime(data), b, level, rng),
                _ => Measurement.Unavailable($"measure {m.Kind} is not implemented"),
            };
            results.Add(ClaimResult.Judge(model, claim, measured));
        }
        return results;
    }

    private static IReadOnlyList<double>? ChoiceDPrime(ClaimData data)
    {
        if (data.Analysis is not { } a) return null;
        var rows = a.Selectivity.Where(s => s.Perturbation == a.Control).OrderBy(s => s.Unit).ToArray();
        return rows.Length == data.Units ? rows.Select(s => s.DPrime).ToArray() : null;
    }
}
