/// Sex as encoded in the resident identity number (17th digit odd = male).
public enum Sex: String, Sendable, Codable {
    case male
    case female
}
