using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Opsg.Functions.Reports;

/// <summary>
/// <c>include 'name' arg: value</c>: runs a partial in the calling template's place, its named arguments
/// as the partial's <c>$locals</c>. Unlike Scriban's own include, which renders the partial to a string
/// and hands it back to be written (and so would be encoded a second time), the partial writes straight
/// into the document through the same encoding context.
/// </summary>
public sealed class PartialInclude : IScriptCustomFunction
{
    private static readonly IncludeFunction Scriban = new();

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var span = callerContext?.Span ?? context.CurrentSpan;
        if (arguments.Count == 0 || arguments[0] is not string name) throw new ScriptRuntimeException(span, "include needs the name of a partial.");
        var partial = context.GetOrCreateTemplate(context.GetTemplatePathFromName(name, callerContext)!, callerContext);

        context.EnterRecursive(callerContext);
        context.PushLocal();
        if (partial.SourceFilePath is { } file) context.PushSourceFile(file);
        try
        {
            context.SetValue(ScriptVariable.Arguments, arguments, true, true);
            // The call has already evaluated each named argument onto the argument array.
            foreach (var argument in (callerContext as ScriptFunctionCall)?.Arguments.OfType<ScriptNamedArgument>() ?? [])
            {
                var argumentName = argument.Name!.Name;
                arguments.TryGetValue(context, span, argumentName, out var value);
                context.SetValue(ScriptVariable.Create(argumentName, ScriptVariableScope.Local), value, false, true);
            }
            if (partial.Page is { } page && context.Evaluate(page) is { } last) context.Write(page.Span, last);
        }
        finally
        {
            if (partial.SourceFilePath is not null) context.PopSourceFile();
            context.PopLocal();
            context.ExitRecursive(callerContext);
        }
        return null;
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    public int RequiredParameterCount => Scriban.RequiredParameterCount;

    public int ParameterCount => Scriban.ParameterCount;

    public ScriptVarParamKind VarParamKind => Scriban.VarParamKind;

    public Type ReturnType => typeof(void);

    public ScriptParameterInfo GetParameterInfo(int index) => Scriban.GetParameterInfo(index);
}
