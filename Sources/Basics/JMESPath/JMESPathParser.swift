/// A parsed JMESPath expression.
indirect enum JMESPathNode: Equatable, Sendable {
  case identity
  case literal(JSON)
  case field(String)
  case subexpression(JMESPathNode, JMESPathNode)
  case index(Int)
  case slice(start: Int?, stop: Int?, step: Int?)
  case indexExpression(JMESPathNode, JMESPathNode)
  /// `left[*].right`, `left[].right`, `left[a:b].right`: right applied to each element.
  case projection(JMESPathNode, JMESPathNode)
  /// `left.*.right`: right applied to each value of an object.
  case valueProjection(JMESPathNode, JMESPathNode)
  case filterProjection(JMESPathNode, JMESPathNode, condition: JMESPathNode)
  case flatten(JMESPathNode)
  case pipe(JMESPathNode, JMESPathNode)
  case or(JMESPathNode, JMESPathNode)
  case and(JMESPathNode, JMESPathNode)
  case not(JMESPathNode)
  case comparator(JMESPathLexer.Kind, JMESPathNode, JMESPathNode)
  case multiSelectList([JMESPathNode])
  case multiSelectHash([(String, JMESPathNode)])
  case function(String, [JMESPathNode])
  case expref(JMESPathNode)

  static func == (l: JMESPathNode, r: JMESPathNode) -> Bool { "\(l)" == "\(r)" }
}

/// A top-down operator-precedence parser with jmespath.py's binding powers, so that projections
/// stop where the reference implementation stops them.
struct JMESPathParser {
  var tokens: [JMESPathLexer.Token]
  var at = 0
  /// How deep the expressions being parsed are nested; bounded, so that no expression, however
  /// nested, exhausts the stack (here or in the evaluation, which follows the same tree).
  var depth = 0
  static let maximumDepth = 200

  /// The most tokens an expression may have: a chain such as `a.b.c…` builds a tree as deep as it is
  /// long, which the evaluation then walks; hundreds of parts is far past any real query.
  static let maximumTokens = 1000

  static func parse(_ expression: String) throws -> JMESPathNode {
    let tokens = try JMESPathLexer.tokens(expression)
    guard tokens.count <= Self.maximumTokens else {
      throw JMESPathError.syntax("the expression has more than \(Self.maximumTokens) parts")
    }
    var parser = JMESPathParser(tokens: tokens)
    let node = try parser.expression(0)
    guard parser.current == .eof else { throw parser.unexpected() }
    return node
  }

  static func power(_ kind: JMESPathLexer.Kind) -> Int {
    switch kind {
    case .pipe: return 1
    case .or: return 2
    case .and: return 3
    case .eq, .ne, .lt, .lte, .gt, .gte: return 5
    case .flatten: return 9
    case .star: return 20
    case .filter: return 21
    case .dot: return 40
    case .not: return 45
    case .lbrace: return 50
    case .lbracket: return 55
    case .lparen: return 60
    default: return 0
    }
  }
  /// Tokens below this end a projection's right-hand side.
  static let projectionStop = 10

  var current: JMESPathLexer.Kind { tokens[at].kind }
  func lookahead(_ n: Int) -> JMESPathLexer.Kind { at + n < tokens.count ? tokens[at + n].kind : .eof }
  mutating func advance() { if at < tokens.count - 1 { at += 1 } }

  func unexpected(_ token: JMESPathLexer.Token? = nil) -> JMESPathError {
    let t = token ?? tokens[at]
    return .syntax(
      t.kind == .eof ? "the expression ends too soon" : "unexpected \(t.kind.rawValue) at column \(t.position + 1)")
  }

  mutating func match(_ kind: JMESPathLexer.Kind) throws {
    guard current == kind else { throw unexpected() }
    advance()
  }

  mutating func expression(_ power: Int) throws -> JMESPathNode {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else {
      throw JMESPathError.syntax("the expression is nested more than \(Self.maximumDepth) deep")
    }
    let token = tokens[at]
    advance()
    var left = try nud(token)
    while power < Self.power(current) {
      let kind = current
      advance()
      left = try led(kind, left)
    }
    return left
  }

  mutating func nud(_ token: JMESPathLexer.Token) throws -> JMESPathNode {
    switch token.kind {
    case .literal: return .literal(token.value)
    case .unquotedIdentifier: return .field(token.value.stringValue ?? "")
    case .quotedIdentifier:
      guard current != .lparen else { throw JMESPathError.syntax("a quoted identifier cannot name a function") }
      return .field(token.value.stringValue ?? "")
    case .star:
      let right = current == .rbracket ? JMESPathNode.identity : try projectionRHS(Self.power(.star))
      return .valueProjection(.identity, right)
    case .filter: return try filter(.identity)
    case .lbrace: return try multiSelectHash()
    case .lparen:
      let inner = try expression(0)
      try match(.rparen)
      return inner
    case .flatten: return .projection(.flatten(.identity), try projectionRHS(Self.power(.flatten)))
    case .not: return .not(try expression(Self.power(.not)))
    case .lbracket:
      if current == .number || current == .colon {
        return try projectIfSlice(.identity, try indexExpression())
      }
      if current == .star, lookahead(1) == .rbracket {
        advance()
        advance()
        return .projection(.identity, try projectionRHS(Self.power(.star)))
      }
      return try multiSelectList()
    case .current: return .identity
    case .expref: return .expref(try expression(Self.power(.expref)))
    default:
      throw unexpected(token)
    }
  }

  mutating func led(_ kind: JMESPathLexer.Kind, _ left: JMESPathNode) throws -> JMESPathNode {
    switch kind {
    case .dot:
      if current == .star {
        advance()
        return .valueProjection(left, try projectionRHS(Self.power(.dot)))
      }
      return .subexpression(left, try dotRHS(Self.power(.dot)))
    case .pipe: return .pipe(left, try expression(Self.power(.pipe)))
    case .or: return .or(left, try expression(Self.power(.or)))
    case .and: return .and(left, try expression(Self.power(.and)))
    case .lparen:
      guard case .field(let name) = left else { throw JMESPathError.syntax("only a name can be called as a function") }
      var args: [JMESPathNode] = []
      while current != .rparen {
        args.append(try expression(0))
        if current == .comma {
          try match(.comma)
          guard current != .rparen else { throw unexpected() }
        } else if current != .rparen {
          throw unexpected()
        }
      }
      try match(.rparen)
      return .function(name, args)
    case .filter: return try filter(left)
    case .eq, .ne, .lt, .lte, .gt, .gte: return .comparator(kind, left, try expression(Self.power(kind)))
    case .flatten: return .projection(.flatten(left), try projectionRHS(Self.power(.flatten)))
    case .lbracket:
      if current == .number || current == .colon {
        return try projectIfSlice(left, try indexExpression())
      }
      try match(.star)
      try match(.rbracket)
      return .projection(left, try projectionRHS(Self.power(.star)))
    default:
      throw unexpected()
    }
  }

  mutating func filter(_ left: JMESPathNode) throws -> JMESPathNode {
    let condition = try expression(0)
    try match(.rbracket)
    let right = current == .flatten ? JMESPathNode.identity : try projectionRHS(Self.power(.filter))
    return .filterProjection(left, right, condition: condition)
  }

  mutating func projectIfSlice(_ left: JMESPathNode, _ right: JMESPathNode) throws -> JMESPathNode {
    let indexed = JMESPathNode.indexExpression(left, right)
    if case .slice = right { return .projection(indexed, try projectionRHS(Self.power(.star))) }
    return indexed
  }

  /// `[n]` or `[start:stop:step]`, the `[` already taken.
  mutating func indexExpression() throws -> JMESPathNode {
    if current == .colon || lookahead(1) == .colon {
      var parts: [Int?] = [nil, nil, nil]
      var part = 0
      while current != .rbracket {
        if current == .colon {
          part += 1
          guard part < 3 else { throw unexpected() }
          advance()
        } else if current == .number {
          parts[part] = tokens[at].number
          advance()
        } else {
          throw unexpected()
        }
      }
      try match(.rbracket)
      return .slice(start: parts[0], stop: parts[1], step: parts[2])
    }
    guard current == .number, let n = tokens[at].number else { throw unexpected() }
    advance()
    try match(.rbracket)
    return .index(n)
  }

  mutating func multiSelectList() throws -> JMESPathNode {
    var items: [JMESPathNode] = []
    while true {
      items.append(try expression(0))
      if current == .rbracket { break }
      try match(.comma)
    }
    try match(.rbracket)
    return .multiSelectList(items)
  }

  mutating func multiSelectHash() throws -> JMESPathNode {
    var pairs: [(String, JMESPathNode)] = []
    while true {
      guard current == .quotedIdentifier || current == .unquotedIdentifier, let key = tokens[at].value.stringValue
      else { throw unexpected() }
      advance()
      try match(.colon)
      pairs.append((key, try expression(0)))
      if current == .comma {
        advance()
      } else {
        try match(.rbrace)
        break
      }
    }
    return .multiSelectHash(pairs)
  }

  mutating func projectionRHS(_ power: Int) throws -> JMESPathNode {
    if Self.power(current) < Self.projectionStop { return .identity }
    switch current {
    case .lbracket, .filter: return try expression(power)
    case .dot:
      advance()
      return try dotRHS(power)
    default: throw unexpected()
    }
  }

  mutating func dotRHS(_ power: Int) throws -> JMESPathNode {
    switch current {
    case .quotedIdentifier, .unquotedIdentifier, .star: return try expression(power)
    case .lbracket:
      advance()
      return try multiSelectList()
    case .lbrace:
      advance()
      return try multiSelectHash()
    default: throw unexpected()
    }
  }
}
