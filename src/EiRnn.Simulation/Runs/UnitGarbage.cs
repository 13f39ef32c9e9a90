namespace EiRnn.Simulation.Runs;

/// <summary>
/// Returns a finished work unit's garbage (its trial batch, scored chunk and Parquet pages: tens of MB on the
/// large-object heap) before the next unit allocates its own. Left to the GC's own budget, when that garbage
/// is collected depends on the run's history, and peak memory drifted up with the length of a sweep (269 MB
/// for 100,000 trials, 336 MB for 1,000,000). One blocking, non-compacting collection per unit (a few ms
/// against about a second of simulation) makes the peak one unit's worth, whatever the number of units.
/// </summary>
internal static class UnitGarbage
{
    public static void Collect() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
}
