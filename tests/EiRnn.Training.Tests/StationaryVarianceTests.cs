using EiRnn.Core.Network;
using EiRnn.Training.Model;

namespace EiRnn.Training.Tests;

/// <summary>docs/model.md#euler-discretisation: with W = 0, f = identity and u = 0 each unit is a discrete OU process with
/// stationary variance σ_rec² / (1 − α/2).</summary>
[TestClass]
public sealed class StationaryVarianceTests
{
    [TestMethod]
    public void RecurrentNoiseGivesTheDiscreteOrnsteinUhlenbeckVariance()
    {
        const int n = 4, batch = 2000, steps = 200;
        const double sigma = 0.15, dt = 20, tau = 100, alpha = dt / tau;
        var spec = new NetworkSpec
        {
            N = n, Nin = 1, Nout = 1, Dale = false, UnitTypes = NetworkSpec.Repeat(UnitType.Excitatory, n),
            UnitAreas = NetworkSpec.Repeat("all", n), UnitInputGroups = NetworkSpec.Repeat("", n), TauMs = NetworkSpec.Repeat((float)tau, n),
            U0 = [0f], RectifyInputs = false, Hidden = HiddenNonlinearity.Linear, SigmaRec = (float)sigma, DtTrainMs = (float)dt,
            InputNames = ["u"], OutputNames = ["z"],
        };
        var zero = new NetworkWeights(new float[n], new float[n * n], new float[n], new float[n], new float[1], new float[n]);
        using var net = RateNetwork.FromEffective(spec, zero);
        var rng = new Core.Random.RandomStream(2024);
        var noise = new float[batch * steps * n];
        rng.FillNormal(noise);
        var r = net.ForwardNoGrad(new float[batch * steps], new float[batch * steps], noise, new float[batch * n], batch, steps, dt);
        // r = x (identity); use the second half of each trial (the process forgets x_0 after ~25 steps).
        double sum = 0, sum2 = 0; long count = 0;
        for (int b = 0; b < batch; b++)
            for (int k = steps / 2; k < steps; k++)
                for (int i = 0; i < n; i++)
                {
                    double x = r.R[(b * steps + k) * n + i];
                    sum += x; sum2 += x * x; count++;
                }
        double mean = sum / count, variance = sum2 / count - mean * mean;
        double expected = sigma * sigma / (1 - alpha / 2);
        Assert.AreEqual(expected, variance, 0.02 * expected, $"variance {variance:G5} vs σ²/(1 − α/2) = {expected:G5}");
        Assert.AreNotEqual(sigma * sigma, variance, 0.005 * expected, "must differ from the continuous-time σ² (distinguishes the discrete factor)");
    }
}
