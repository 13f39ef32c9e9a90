using System.Globalization;

/// <summary>Command line of the training benchmark (see Program.cs for what each contender is).</summary>
internal sealed record Options(int Threads, int Steps, int N, int Batch, int TimeSteps, int Repeats, string Task, bool Profile)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(1, 100, 100, 20, 100, 3, "", false);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--threads" => o with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--steps" => o with { Steps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--n" => o with { N = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--batch" => o with { Batch = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--time-steps" => o with { TimeSteps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--repeats" => o with { Repeats = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--task" => o with { Task = Next() },
                "--profile" => o with { Profile = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        // The pycog task of that size by default: rdm-fixed (N = 100, T = 100) or romo (N = 500, T up to 245).
        return o.Task.Length > 0 ? o : o with { Task = o.N >= 300 ? "romo" : "rdm-fixed" };
    }
}
