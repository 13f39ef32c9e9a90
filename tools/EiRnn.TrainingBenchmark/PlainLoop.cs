using EiRnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The reference of the ratios: the same Euler loop in plain TorchSharp, x ← (1−α)x + α(relu(x) Wᵀ + d_k) + ξ_k
/// with d = u W_inᵀ, z = relu(X) W_outᵀ, no masks, no Dale signs, no regularisers. Autograd on: forward, MSE on
/// z, backward to W, W_in, W_out (<see cref="ForwardBackward"/>); or no-grad forward only (<see cref="Forward"/>).
/// </summary>
internal sealed class PlainLoop(int n, int inputs, int outputs, int batch, int steps) : IDisposable
{
    private const double Alpha = 0.2;   // Δt/τ = 20/100
    private readonly Tensor _w = randn(n, n).Times(1 / Math.Sqrt(n)).requires_grad_(true);
    private readonly Tensor _wIn = randn(n, inputs).Times(0.1).requires_grad_(true);
    private readonly Tensor _wOut = randn(outputs, n).Times(0.1).requires_grad_(true);
    private readonly Tensor _u = randn(batch, steps, inputs), _noise = randn(batch, steps, n).Times(0.1);
    private readonly Tensor _target = randn(batch, steps, outputs);

    public void ForwardBackward()
    {
        using var scope = NewDisposeScope();
        var z = Run();
        var loss = z.sub(_target).Squared().mean();
        autograd.grad([loss], [_w, _wIn, _wOut]);
    }

    public void Forward()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Run();
    }

    private Tensor Run()
    {
        var drive = matmul(_u, _wIn.t()).unbind(1);
        var noise = _noise.unbind(1);
        var wT = _w.t();
        var x = zeros(_u.shape[0], _w.shape[0]);
        var states = new Tensor[drive.Length];
        for (int k = 0; k < states.Length; k++)
            x = states[k] = noise[k].Plus(x.Times(1 - Alpha)).Plus(addmm(drive[k], x.relu(), wT, 1f, 1f).Times(Alpha));
        return matmul(stack(states, 1).relu(), _wOut.t());
    }

    public void Dispose()
    {
        foreach (var t in new[] { _w, _wIn, _wOut, _u, _noise, _target }) t.Dispose();
    }
}
