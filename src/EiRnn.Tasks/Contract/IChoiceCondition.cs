namespace EiRnn.Tasks.Contract;

/// <summary>A condition of a discrete-choice task that knows its correct output.</summary>
public interface IChoiceCondition : ITrialCondition
{
    /// <summary>0-based index of the correct output; null for catch trials and when undefined (zero coherence).</summary>
    int? CorrectChoice { get; }
}
