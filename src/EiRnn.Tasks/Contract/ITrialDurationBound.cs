namespace EiRnn.Tasks.Contract;

/// <summary>
/// Implemented by tasks whose non-catch trial length varies from trial to trial (e.g. rdm-variable's
/// random stimulus duration). A dataset stores every trial on one time axis, so the simulator pads each
/// block to this bound. Tasks with fixed test durations need not implement it: the simulator then takes
/// the length of the forced test conditions.
/// </summary>
public interface ITrialDurationBound
{
    /// <summary>The longest a trial of this timing can last (ms), catch trials included.</summary>
    double MaxTrialMs(TaskTiming timing);
}
