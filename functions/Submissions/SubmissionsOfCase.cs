using System.Collections.Immutable;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Submissions;

/// <summary>
/// The DCC's part of a case: every version of its readiness statement, oldest first, its evidence, and whether the
/// submission is closed (the meeting reviewing it has been held; the review's fold closes it, since Review sits above).
/// </summary>
public sealed record SubmissionsSlice(ImmutableList<ReadinessSubmitted> Versions, ImmutableList<EvidenceAttached> Evidence, bool Closed = false)
    : IRecordSlice<SubmissionsSlice>
{
    public static SubmissionsSlice Empty { get; } = new([], []);
}

public static class SubmissionsOfCase
{
    extension(CaseState state)
    {
        /// <summary>Every version the DCC submitted, oldest first; the last one is current.</summary>
        public ImmutableList<ReadinessSubmitted> Submissions => state.Slice<SubmissionsSlice>().Versions;
        public ReadinessSubmitted? Submission => state.Submissions.IsEmpty ? null : state.Submissions[^1];
        public ImmutableList<EvidenceAttached> Evidence => state.Slice<SubmissionsSlice>().Evidence;

        /// <summary>The meeting that reviews the submission has been held: nothing more can be submitted or attached.</summary>
        public bool SubmissionClosed => state.Slice<SubmissionsSlice>().Closed;
    }

    public static void Register(RecordEvents<CaseState> events) => events
        .On<ReadinessSubmitted>((s, e) => s.Update<CaseState, SubmissionsSlice>(x => x with { Versions = x.Versions.Add(e) }))
        .On<EvidenceAttached>((s, e) => s.Update<CaseState, SubmissionsSlice>(x => x with { Evidence = x.Evidence.Add(e) }));
}
