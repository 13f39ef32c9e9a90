namespace EiRnn.Tasks.Library;

/// <summary>
/// The sequence task's screen (docs/tasks.md#sequence): 9 dots k = 0..8 on a 3×3 grid, row-major from top-left, at
/// x = −0.5 + 0.5·(k mod 3), y = 0.5 − 0.5·floor(k/3); the centre is dot 4. The eight sequences and the
/// two options offered from each dot.
/// </summary>
public static class SequenceScreen
{
    public const int DotCount = 9, SequenceCount = 8, Centre = 4;

    public static (double X, double Y) Position(int dot) => (-0.5 + 0.5 * (dot % 3), 0.5 - 0.5 * (dot / 3));

    /// <summary>Dots visited by sequence id 1..8 (s_0 is always the centre).</summary>
    public static IReadOnlyList<int> Dots(int sequenceId) => sequenceId switch
    {
        1 => [4, 5, 1, 0],
        2 => [4, 3, 1, 2],
        3 => [4, 3, 7, 8],
        4 => [4, 5, 7, 6],
        5 => [4, 5, 1, 2],
        6 => [4, 3, 1, 0],
        7 => [4, 3, 7, 6],
        8 => [4, 5, 7, 8],
        _ => throw new ArgumentOutOfRangeException(nameof(sequenceId), sequenceId, "sequence ids are 1..8"),
    };

    /// <summary>The two dots shown as options when the eye is at <paramref name="dot"/>.</summary>
    public static (int A, int B) Options(int dot) => dot switch
    {
        4 => (3, 5),
        3 or 5 => (1, 7),
        1 => (0, 2),
        7 => (6, 8),
        _ => throw new ArgumentOutOfRangeException(nameof(dot), dot, "no options are shown from this dot"),
    };

    /// <summary>The dot nearest to an eye position (ties go to the lower index).</summary>
    public static int Nearest(double x, double y)
    {
        int best = 0; double bestD = double.MaxValue;
        for (int k = 0; k < DotCount; k++)
        {
            var (px, py) = Position(k);
            double d = (x - px) * (x - px) + (y - py) * (y - py);
            if (d < bestD) { bestD = d; best = k; }
        }
        return best;
    }
}
