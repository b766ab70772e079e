using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Unico.IdCloud.PublicApi.Tests.Listing;

/// <summary>
/// Lists the public surface of an assembly as sorted text: one line per visible type (kind, modifiers, base type,
/// interfaces, constraints, attributes that change how callers may use it), followed by one indented line per visible
/// member (full signature with parameter names, defaults, nullability and ref kinds). The same surface always gives the
/// same text, so a listing can be committed and compared.
/// </summary>
/// <remarks>
/// "Visible" means what another assembly can compile against: public, protected and protected internal members of
/// types that are themselves reachable. Private protected and internal members are not part of the surface.
/// Nullability is written as <see cref="NullabilityInfoContext"/> reports it, i.e. what a caller may observe: the
/// <c>[MaybeNull]</c>/<c>[AllowNull]</c> family is applied, and a use of an unconstrained type parameter reads <c>T?</c>.
/// </remarks>
internal sealed class PublicApiLister
{
    /// <summary>Attributes that change what a caller may or should do; every other attribute is left out.</summary>
    private static readonly HashSet<string> SurfaceAttributes = new(StringComparer.Ordinal)
    {
        "System.ObsoleteAttribute",
        "System.FlagsAttribute",
        "System.Diagnostics.CodeAnalysis.ExperimentalAttribute",
        "System.ComponentModel.EditorBrowsableAttribute",
        "System.Diagnostics.CodeAnalysis.RequiresUnreferencedCodeAttribute",
        "System.Diagnostics.CodeAnalysis.RequiresDynamicCodeAttribute",
        "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute",
        "System.Diagnostics.CodeAnalysis.AllowNullAttribute",
        "System.Diagnostics.CodeAnalysis.DisallowNullAttribute",
        "System.Diagnostics.CodeAnalysis.MaybeNullAttribute",
        "System.Diagnostics.CodeAnalysis.NotNullAttribute",
        "System.Diagnostics.CodeAnalysis.MaybeNullWhenAttribute",
        "System.Diagnostics.CodeAnalysis.NotNullWhenAttribute",
        "System.Diagnostics.CodeAnalysis.NotNullIfNotNullAttribute",
        "System.Diagnostics.CodeAnalysis.MemberNotNullAttribute",
        "System.Diagnostics.CodeAnalysis.MemberNotNullWhenAttribute",
        "System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute",
        "System.Diagnostics.CodeAnalysis.StringSyntaxAttribute",
        "System.Runtime.CompilerServices.EnumeratorCancellationAttribute",
    };

    private const BindingFlags DeclaredMembers =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private readonly NullabilityInfoContext nullability = new();

    /// <summary>The listing of every visible type of <paramref name="assembly"/>.</summary>
    public static string Describe(Assembly assembly) => Describe(assembly.GetTypes());

    /// <summary>The listing of the visible types among <paramref name="types"/>.</summary>
    public static string Describe(IEnumerable<Type> types)
    {
        var lister = new PublicApiLister();
        var text = new StringBuilder();
        foreach (var type in types.Where(IsVisible).OrderBy(TypeNameFormatter.FormatDefinition, StringComparer.Ordinal))
        {
            text.Append(lister.DescribeType(type)).Append('\n');
            var members = lister.DescribeMembers(type)
                .OrderBy(m => m.Group)
                .ThenBy(m => m.Value)
                .ThenBy(m => m.Name, StringComparer.Ordinal)
                .ThenBy(m => m.Line, StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append("  ").Append(member.Line).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Whether code in another assembly can name <paramref name="type"/>.</summary>
    public static bool IsVisible(Type type)
    {
        if (type.IsNested)
        {
            return (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!);
        }

        return type.IsPublic;
    }

    private string DescribeType(Type type)
    {
        var line = new StringBuilder();
        line.Append(Attributes(type.CustomAttributes));
        line.Append(type.IsPublic || type.IsNestedPublic ? "public " : type.IsNestedFamORAssem ? "protected internal " : "protected ");

        if (typeof(Delegate).IsAssignableFrom(type) && type != typeof(Delegate) && type != typeof(MulticastDelegate))
        {
            var invoke = type.GetMethod("Invoke")!;
            line.Append("delegate ").Append(ReturnType(invoke)).Append(' ')
                .Append(TypeNameFormatter.FormatDefinition(type))
                .Append('(').Append(Parameters(invoke.GetParameters())).Append(')')
                .Append(Constraints(type.GetGenericArguments()));
            return line.ToString();
        }

        line.Append(TypeKeywords(type)).Append(' ').Append(TypeNameFormatter.FormatDefinition(type));

        var bases = new List<string>();
        if (type.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(type);
            if (underlying != typeof(int))
            {
                bases.Add(TypeNameFormatter.Format(underlying, null));
            }
        }
        else
        {
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
            {
                bases.Add(TypeNameFormatter.Format(baseType, null));
            }

            // Interfaces the base type already brings (Exception's ISerializable) are the base type's surface.
            var inherited = type.BaseType?.GetInterfaces() ?? [];
            bases.AddRange(type.GetInterfaces()
                .Where(i => IsVisible(i) && !inherited.Contains(i))
                .Select(i => TypeNameFormatter.Format(i, null))
                .Order(StringComparer.Ordinal));
        }

        if (bases.Count > 0)
        {
            line.Append(" : ").AppendJoin(", ", bases);
        }

        line.Append(Constraints(type.GetGenericArguments()));
        return line.ToString();
    }

    private static string TypeKeywords(Type type)
    {
        if (type.IsInterface)
        {
            return "interface";
        }

        if (type.IsEnum)
        {
            return "enum";
        }

        if (type.IsValueType)
        {
            var keywords = new StringBuilder();
            if (HasAttribute(type.CustomAttributes, "System.Runtime.CompilerServices.IsReadOnlyAttribute"))
            {
                keywords.Append("readonly ");
            }

            if (type.IsByRefLike)
            {
                keywords.Append("ref ");
            }

            keywords.Append(IsRecordStruct(type) ? "record struct" : "struct");
            return keywords.ToString();
        }

        var kind = type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null ? "record" : "class";
        return type switch
        {
            { IsAbstract: true, IsSealed: true } => "static " + kind,
            { IsAbstract: true } => "abstract " + kind,
            { IsSealed: true } => "sealed " + kind,
            _ => kind,
        };
    }

    /// <summary>Record structs have no <c>&lt;Clone&gt;$</c>; the compiler-generated <c>PrintMembers</c> gives them away.</summary>
    private static bool IsRecordStruct(Type type) =>
        type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(StringBuilder)]) is { } print
        && HasAttribute(print.CustomAttributes, typeof(CompilerGeneratedAttribute).FullName!);

    /// <summary>
    /// The visible members, each with its sort key: constructors, fields (enum members by value), properties, events,
    /// methods; then by name.
    /// </summary>
    private IEnumerable<(int Group, decimal Value, string Name, string Line)> DescribeMembers(Type type)
    {
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            yield break;
        }

        foreach (var member in type.GetMembers(DeclaredMembers))
        {
            var (group, line) = member switch
            {
                ConstructorInfo constructor when IsVisible(constructor) && !constructor.IsStatic => (0, DescribeConstructor(type, constructor)),
                FieldInfo field when IsVisible(field) => (1, DescribeField(type, field)),
                PropertyInfo property when Accessors(property).Any(IsVisible) => (2, DescribeProperty(type, property)),
                EventInfo @event when @event.AddMethod is { } add && IsVisible(add) => (3, DescribeEvent(type, @event)),
                MethodInfo method when IsVisible(method) && IsOrdinaryMethod(method) => (4, DescribeMethod(type, method)),
                _ => (-1, null),
            };
            if (line is not null)
            {
                var value = type.IsEnum && member is FieldInfo enumMember
                    ? Convert.ToDecimal(enumMember.GetRawConstantValue(), CultureInfo.InvariantCulture)
                    : 0m;
                yield return (group, value, member.Name, line);
            }
        }
    }

    private string DescribeField(Type type, FieldInfo field)
    {
        if (type.IsEnum)
        {
            return Attributes(field.CustomAttributes) + field.Name + " = " + Literal(field.GetRawConstantValue(), Enum.GetUnderlyingType(type));
        }

        var line = new StringBuilder(Attributes(field.CustomAttributes)).Append(Access(field));
        if (field.IsLiteral)
        {
            line.Append("const ");
        }
        else
        {
            line.Append(field.IsStatic ? "static " : string.Empty).Append(field.IsInitOnly ? "readonly " : string.Empty);
        }

        line.Append(TypeNameFormatter.Format(field.FieldType, nullability.Create(field))).Append(' ').Append(field.Name);
        if (field.IsLiteral)
        {
            line.Append(" = ").Append(Literal(field.GetRawConstantValue(), field.FieldType));
        }

        return line.ToString();
    }

    private string DescribeProperty(Type type, PropertyInfo property)
    {
        var visible = Accessors(property).Where(IsVisible).ToArray();
        var widest = visible.OrderBy(a => a.IsPublic ? 0 : 1).First();
        var info = nullability.Create(property);
        var line = new StringBuilder(Attributes(property.CustomAttributes)).Append(Modifiers(type, widest));
        if (HasAttribute(property.CustomAttributes, "System.Runtime.CompilerServices.RequiredMemberAttribute"))
        {
            line.Append("required ");
        }

        line.Append(RefKindOfReturn(widest.ReturnType, widest.ReturnParameter))
            .Append(TypeNameFormatter.Format(property.PropertyType, info, useWriteState: property.GetMethod is null));
        if (property.SetMethod is not null && property.GetMethod is not null && info.ReadState != info.WriteState
            && !property.PropertyType.IsValueType)
        {
            // [AllowNull]/[DisallowNull] make what may be stored differ from what is read; both are part of the contract.
            line.Append(" /* set: ").Append(TypeNameFormatter.Format(property.PropertyType, info, useWriteState: true)).Append(" */");
        }

        var indexParameters = property.GetIndexParameters();
        line.Append(' ').Append(indexParameters.Length > 0 ? "this[" + Parameters(indexParameters) + "]" : property.Name);
        line.Append(" {");
        foreach (var accessor in visible.OrderBy(a => a == property.GetMethod ? 0 : 1))
        {
            var accessibility = accessor != widest && Access(accessor) != Access(widest) ? Access(accessor) : string.Empty;
            var keyword = accessor == property.GetMethod ? "get" : IsInitOnly(accessor) ? "init" : "set";
            line.Append(' ').Append(accessibility).Append(keyword).Append(';');
        }

        return line.Append(" }").ToString();
    }

    private string DescribeEvent(Type type, EventInfo @event) =>
        Attributes(@event.CustomAttributes) + Modifiers(type, @event.AddMethod!) + "event "
        + TypeNameFormatter.Format(@event.EventHandlerType!, nullability.Create(@event)) + " " + @event.Name;

    private string DescribeConstructor(Type type, ConstructorInfo constructor) =>
        Attributes(constructor.CustomAttributes) + Access(constructor)
        + SimpleName(type) + "(" + Parameters(constructor.GetParameters()) + ")";

    private string DescribeMethod(Type type, MethodInfo method)
    {
        var line = new StringBuilder(Attributes(method.CustomAttributes))
            .Append(ReturnAttributes(method))
            .Append(Modifiers(type, method))
            .Append(ReturnType(method)).Append(' ')
            .Append(method.Name);
        var generic = method.IsGenericMethodDefinition ? method.GetGenericArguments() : [];
        if (generic.Length > 0)
        {
            line.Append('<').AppendJoin(", ", generic.Select(g => g.Name)).Append('>');
        }

        var isExtension = HasAttribute(method.CustomAttributes, typeof(ExtensionAttribute).FullName!);
        line.Append('(').Append(isExtension ? "this " : string.Empty).Append(Parameters(method.GetParameters())).Append(')');
        return line.Append(Constraints(generic)).ToString();
    }

    private string ReturnType(MethodInfo method) =>
        RefKindOfReturn(method.ReturnType, method.ReturnParameter)
        + TypeNameFormatter.Format(method.ReturnType, method.ReturnType == typeof(void) ? null : nullability.Create(method.ReturnParameter));

    private static string ReturnAttributes(MethodInfo method)
    {
        var attributes = Attributes(method.ReturnParameter.CustomAttributes);
        return attributes.Length == 0 ? string.Empty : "[return: " + attributes.Trim()[1..];
    }

    private static string RefKindOfReturn(Type returnType, ParameterInfo returnParameter)
    {
        if (!returnType.IsByRef)
        {
            return string.Empty;
        }

        return HasAttribute(returnParameter.CustomAttributes, "System.Runtime.CompilerServices.IsReadOnlyAttribute") ? "ref readonly " : "ref ";
    }

    private string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(Parameter));

    private static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    private string Parameter(ParameterInfo parameter)
    {
        var line = new StringBuilder(Attributes(parameter.CustomAttributes));
        if (HasAttribute(parameter.CustomAttributes, typeof(ParamArrayAttribute).FullName!)
            || HasAttribute(parameter.CustomAttributes, "System.Runtime.CompilerServices.ParamCollectionAttribute"))
        {
            line.Append("params ");
        }

        var isOut = parameter.IsOut && parameter.ParameterType.IsByRef;
        if (parameter.ParameterType.IsByRef)
        {
            line.Append(
                isOut ? "out "
                : HasAttribute(parameter.CustomAttributes, "System.Runtime.CompilerServices.RequiresLocationAttribute") ? "ref readonly "
                : parameter.IsIn ? "in "
                : "ref ");
        }

        // Callers pass values in (write state) and read out-parameters back (read state).
        line.Append(TypeNameFormatter.Format(parameter.ParameterType, nullability.Create(parameter), useWriteState: !isOut))
            .Append(' ').Append(parameter.Name);
        if (parameter.HasDefaultValue)
        {
            line.Append(" = ").Append(Literal(parameter.RawDefaultValue, parameter.ParameterType));
        }
        else if (parameter.IsOptional)
        {
            line.Append(" = <optional>");
        }

        return line.ToString();
    }

    private static string Constraints(Type[] genericParameters)
    {
        var clauses = new StringBuilder();
        foreach (var parameter in genericParameters.Where(p => p.IsGenericParameter))
        {
            var parts = new List<string>();
            var flags = parameter.GenericParameterAttributes;
            var types = parameter.GetGenericParameterConstraints();
            var nullableFlag = NullableFlag(parameter);
            if (HasAttribute(parameter.CustomAttributes, "System.Runtime.CompilerServices.IsUnmanagedAttribute"))
            {
                parts.Add("unmanaged");
            }
            else if (flags.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
            {
                parts.Add("struct");
            }
            else if (flags.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
            {
                parts.Add(nullableFlag == 2 ? "class?" : "class");
            }
            else if (nullableFlag == 1 && types.Length == 0)
            {
                parts.Add("notnull");
            }

            parts.AddRange(types.Where(t => t != typeof(ValueType)).Select(t => TypeNameFormatter.Format(t, null)).Order(StringComparer.Ordinal));
            if (flags.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint)
                && !flags.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
            {
                parts.Add("new()");
            }

            if (flags.HasFlag(GenericParameterAttributes.AllowByRefLike))
            {
                parts.Add("allows ref struct");
            }

            if (parts.Count > 0)
            {
                clauses.Append(" where ").Append(parameter.Name).Append(" : ").AppendJoin(", ", parts);
            }
        }

        return clauses.ToString();
    }

    /// <summary>
    /// The compiler's nullable flag of a generic parameter (1 = <c>notnull</c>/<c>class</c>, 2 = may be null): its own
    /// <c>NullableAttribute</c>, else the <c>NullableContextAttribute</c> of the nearest declaring method or type.
    /// </summary>
    private static byte NullableFlag(Type parameter)
    {
        if (FirstByte(parameter.CustomAttributes, "System.Runtime.CompilerServices.NullableAttribute") is { } own)
        {
            return own;
        }

        MemberInfo? scope = parameter.DeclaringMethod ?? (MemberInfo?)parameter.DeclaringType;
        for (; scope is not null; scope = scope.DeclaringType)
        {
            if (FirstByte(scope.CustomAttributes, "System.Runtime.CompilerServices.NullableContextAttribute") is { } context)
            {
                return context;
            }
        }

        return 0;
    }

    private static byte? FirstByte(IEnumerable<CustomAttributeData> attributes, string attributeName)
    {
        var attribute = attributes.FirstOrDefault(a => a.AttributeType.FullName == attributeName);
        return attribute?.ConstructorArguments.FirstOrDefault().Value switch
        {
            byte flag => flag,
            IReadOnlyCollection<CustomAttributeTypedArgument> flags when flags.Count > 0 && flags.First().Value is byte first => first,
            _ => null,
        };
    }

    private static string Modifiers(Type type, MethodInfo method)
    {
        if (type.IsInterface)
        {
            // Interface members are public and abstract unless said otherwise; only the exceptions are written.
            return (method.IsStatic ? "static " : string.Empty)
                + (method.IsStatic && method.IsAbstract ? "abstract " : string.Empty)
                + (!method.IsStatic && !method.IsAbstract && method.IsVirtual ? "virtual " : string.Empty);
        }

        var modifiers = new StringBuilder(Access(method));
        if (method.IsStatic)
        {
            modifiers.Append("static ");
        }
        else if (method.IsAbstract)
        {
            modifiers.Append("abstract ");
        }
        else if (method.IsVirtual)
        {
            var overrides = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
            if (overrides)
            {
                modifiers.Append(method.IsFinal ? "sealed override " : "override ");
            }
            else if (!method.IsFinal)
            {
                modifiers.Append("virtual ");
            }
        }

        return modifiers.ToString();
    }

    private static string Access(MethodBase method) =>
        method.IsPublic ? "public " : method.IsFamilyOrAssembly ? "protected internal " : "protected ";

    private static string Access(FieldInfo field) =>
        field.IsPublic ? "public " : field.IsFamilyOrAssembly ? "protected internal " : "protected ";

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsVisible(FieldInfo field) =>
        (field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly) && !field.IsSpecialName;

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo property) =>
        new[] { property.GetMethod, property.SetMethod }.OfType<MethodInfo>();

    /// <summary>Accessors and event methods are shown with their property or event; operators stay.</summary>
    private static bool IsOrdinaryMethod(MethodInfo method) =>
        !method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal);

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool HasAttribute(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.Any(a => a.AttributeType.FullName == fullName);

    private static string Attributes(IEnumerable<CustomAttributeData> attributes)
    {
        // The compiler marks constructors of types with required members (and ref structs) [Obsolete] for old compilers,
        // together with [CompilerFeatureRequired]; that Obsolete is not the author's and is left out.
        var compilerPoisoned = HasAttribute(attributes, "System.Runtime.CompilerServices.CompilerFeatureRequiredAttribute");
        var rendered = attributes
            .Where(a => SurfaceAttributes.Contains(a.AttributeType.FullName!))
            .Where(a => !(compilerPoisoned && a.AttributeType == typeof(ObsoleteAttribute)))
            .Select(RenderAttribute)
            .Order(StringComparer.Ordinal)
            .ToList();
        return rendered.Count == 0 ? string.Empty : "[" + string.Join(", ", rendered) + "] ";
    }

    private static string RenderAttribute(CustomAttributeData attribute)
    {
        var name = attribute.AttributeType.Name;
        name = name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
        var arguments = attribute.ConstructorArguments.Select(a => Literal(a.Value, a.ArgumentType))
            .Concat(attribute.NamedArguments.OrderBy(a => a.MemberName, StringComparer.Ordinal)
                .Select(a => a.MemberName + " = " + Literal(a.TypedValue.Value, a.TypedValue.ArgumentType)))
            .ToList();
        return arguments.Count == 0 ? name : name + "(" + string.Join(", ", arguments) + ")";
    }

    /// <summary>A constant as C# would spell it; enum values by member name where one matches.</summary>
    private static string Literal(object? value, Type type)
    {
        var target = type.IsByRef ? type.GetElementType()! : type;
        var isNullableValue = Nullable.GetUnderlyingType(target) is not null;
        target = Nullable.GetUnderlyingType(target) ?? target;
        switch (value)
        {
            case null:
                return target.IsValueType && !isNullableValue ? "default" : "null";
            case string text:
                return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                    .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
            case bool flag:
                return flag ? "true" : "false";
            case char character:
                return "'" + character + "'";
            case Type typeValue:
                return "typeof(" + TypeNameFormatter.Format(typeValue, null) + ")";
            case IReadOnlyCollection<CustomAttributeTypedArgument> items:
                return "[" + string.Join(", ", items.Select(i => Literal(i.Value, i.ArgumentType))) + "]";
        }

        if (target.IsEnum)
        {
            var name = Enum.GetName(target, value);
            return TypeNameFormatter.Format(target, null) + "." + (name ?? Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "null";
    }
}
