using System.Globalization;
using EiRnn.Core.Io;

namespace EiRnn.Analysis.Report;

/// <summary>One validation point of training: trials seen, validation cost, task performance.</summary>
public readonly record struct LearningCurvePoint(long Trials, double ValidationCost, double Performance);

/// <summary>The training run's learning-curve.csv (columns trials, validation_cost, performance; header required).</summary>
public sealed record LearningCurve(IReadOnlyList<LearningCurvePoint> Points)
{
    public static LearningCurve Read(string csvPath)
    {
        if (!File.Exists(csvPath)) throw new Core.Errors.AnalysisException($"{csvPath}: learning curve not found");
        var lines = SafeFile.ReadAllLines(csvPath).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0) throw new Core.Errors.AnalysisException($"{csvPath}: empty file");
        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i
            : throw new Core.Errors.AnalysisException($"{csvPath}: missing column '{name}' (header: {lines[0]})");
        int ct = Column("trials"), cc = Column("validation_cost"), cp = Column("performance");
        var points = new List<LearningCurvePoint>();
        for (int n = 1; n < lines.Length; n++)
        {
            var f = lines[n].Split(',');
            try
            {
                points.Add(new LearningCurvePoint(long.Parse(f[ct], CultureInfo.InvariantCulture),
                    double.Parse(f[cc], CultureInfo.InvariantCulture), double.Parse(f[cp], CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
            {
                throw new Core.Errors.AnalysisException($"{csvPath}, line {n + 1}: cannot read '{lines[n]}'", e);
            }
        }
        return new LearningCurve(points);
    }
}
