using EiRnn.Core.Random;

namespace EiRnn.Simulation.Noise;

/// <summary>
/// The noise streams of one trial. A trial's seed is a function of the run's noise seed and its trial id
/// only, so the trial gets the same noise whichever chunk, shard or resumed run simulates it. Within a trial,
/// the input noise stream is indexed k·Nin + c and the recurrent stream k·N + i (step k, channel c, unit i),
/// i.e. exactly the trial's rows of the batch-major [B,T,·] feeds.
/// </summary>
public readonly record struct TrialNoiseKeys(ulong TrialSeed, ulong InputKey, ulong RecurrentKey)
{
    public static TrialNoiseKeys For(ulong noiseSeed, long trial)
    {
        ulong trialSeed = RandomStream.MixSeed(noiseSeed ^ (ulong)trial * 0xD1B54A32D192ED03UL, "trial");
        return new(trialSeed, RandomStream.MixSeed(trialSeed, "noise_in"), RandomStream.MixSeed(trialSeed, "noise_rec"));
    }
}
