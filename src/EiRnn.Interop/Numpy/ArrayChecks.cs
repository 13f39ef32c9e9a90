using System.Globalization;
using EiRnn.Interop.Pickle;

namespace EiRnn.Interop.Numpy;

/// <summary>Typed access to an .npz's arrays that records a one-line problem instead of failing at the first.</summary>
internal sealed class ArrayChecks(NpzArchive archive, WeightsProblems problems)
{
    public bool Has(string name) => archive.Members.ContainsKey(name);

    /// <summary>
    /// The five arrays every x-form network file has (docs/import-export.md#the-dynamics-both-directions-share), each
    /// checked against the sizes read from the others: W_rec [N,N], W_in [N,Nin], W_out [Nout,N], b_rec [N], b_out [Nout].
    /// A size stays -1 (and its arrays null) when the array it is read from is missing or malformed.
    /// </summary>
    public RecurrentArrays Recurrent()
    {
        var wRec = Get("W_rec", true, -1, -1);
        if (wRec is not null && wRec.Shape[0] != wRec.Shape[1])
        {
            problems.Add($"array 'W_rec' has shape {wRec.ShapeText}, expected [N, N]");
            wRec = null;
        }
        int n = wRec?.Shape[0] ?? -1;
        var wIn = n < 0 ? null : Get("W_in", true, n, -1);
        var wOut = n < 0 ? null : Get("W_out", true, -1, n);
        int nin = wIn?.Shape[1] ?? -1, nout = wOut?.Shape[0] ?? -1;
        var bRec = n < 0 ? null : Get("b_rec", true, n);
        var bOut = nout < 0 ? null : Get("b_out", true, nout);
        return new RecurrentArrays(n, nin, nout, wRec, wIn, wOut, bRec, bOut);
    }

    /// <summary>A numeric array of the given shape (-1 = any size on that axis) with finite values, or null after recording why not.</summary>
    public NpyArray? Get(string name, bool required, params int[] shape)
    {
        if (!archive.Members.TryGetValue(name, out var member))
        {
            if (required) problems.Add($"array '{name}' is missing");
            return null;
        }
        if (member is not NumericMember { Array: var a })
        {
            problems.Add($"array '{name}' is a pickled object array where numbers are needed");
            return null;
        }
        bool shapeOk = a.Rank == shape.Length && shape.Select((d, i) => d < 0 || d == a.Shape[i]).All(ok => ok);
        if (!shapeOk)
        {
            problems.Add($"array '{name}' has shape {a.ShapeText}, expected [{string.Join(", ", shape.Select(d => d < 0 ? "any" : d.ToString(CultureInfo.InvariantCulture)))}]");
            return null;
        }
        for (int k = 0; k < a.Values.Length; k++)
        {
            if (double.IsFinite(a.Values[k])) continue;
            problems.Add($"array '{name}'{IndexText(a, k)} is {a.Values[k]} (not finite)");
            return null;
        }
        return a;
    }

    /// <summary>A 0-d (or 1-element) entry read as a number, None, function or something else; null when absent.</summary>
    public PickledElement? Scalar(string name)
    {
        if (!archive.Members.TryGetValue(name, out var member)) return null;
        switch (member)
        {
            case NumericMember { Array: var a }:
                if (a.Values.Length != 1) { problems.Add($"array '{name}' has shape {a.ShapeText}, expected a single value"); return null; }
                return new PickledElement.Number(a.Values[0]);
            case PickledMember p:
                try { return PickledElement.OfObjectArray(PickleScanner.Scan(p.Pickle)); }
                catch (PickleFormatException e) { return new PickledElement.Other($"an unreadable pickle ({e.Message})"); }
            default:
                return null;
        }
    }

    /// <summary>"[i, j]" of flat C-order index k.</summary>
    public static string IndexText(NpyArray a, long k)
    {
        if (a.Rank == 0) return "";
        var idx = new long[a.Rank];
        for (int d = a.Rank - 1; d >= 0; d--) { idx[d] = k % a.Shape[d]; k /= a.Shape[d]; }
        return "[" + string.Join(", ", idx) + "]";
    }
}

/// <summary>What <see cref="ArrayChecks.Recurrent"/> read: the sizes (-1 when unknown) and the arrays (null when refused).</summary>
internal sealed record RecurrentArrays(int N, int Nin, int Nout, NpyArray? WRec, NpyArray? WIn, NpyArray? WOut, NpyArray? BRec, NpyArray? BOut);
