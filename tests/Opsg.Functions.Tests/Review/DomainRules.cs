using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// The domain-rule refusals (<see cref="UnknownReferenceTests"/>, <see cref="Http.DuplicateTests"/>,
/// <see cref="OutOfOrderTests"/>) share one app and one set of seed 002 cases at each stage.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class DomainRules : ICollectionFixture<ReviewCases>
{
    public const string Collection = "Domain rules";

    /// <summary>Sends a JSON request to the shared case at <paramref name="stage"/> and asserts it is refused and changes nothing.</summary>
    public static async Task<JsonObject> RefusedAsync(ReviewCases cases, Stage stage, string role, string method, string route, object body, HttpStatusCode status, params string[] fields)
    {
        var caseId = await cases.SharedAsync(stage);
        var json = body as JsonNode ?? RawRequests.Tree(body);
        return await cases.RefusedAsync(caseId,
            () => cases.As(role).SendJson(new HttpMethod(method), route.Replace("{id}", caseId, StringComparison.Ordinal), json), status, fields);
    }
}
