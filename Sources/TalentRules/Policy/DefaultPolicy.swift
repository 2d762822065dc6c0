/// The default policy's text: the Guiyang High-tech Zone talent-town scheme (2019, six classes) with
/// typical terms from the domain brief. Every key is documented in Docs/rules.md; `talentctl rules
/// load` stores an edited copy as a new version.
///
/// Kept as a string literal rather than a bundle resource, so `talentctl` finds it wherever it is
/// installed.
public enum DefaultPolicy {
    public static let yaml = #"""
# TalentZone housing and talent policy (Docs/rules.md documents every key).
version: gz-talent-town-2026.1
effective: 2026-01-01

# Talent classes 1-6 (Guiyang High-tech Zone talent town, 2019). Per class, any one criterion
# qualifies; the highest class that holds is proposed.
classification:
  honours:
    academician: "CAS or CAE academician (两院院士)"
    changjiang-scholar: "Changjiang scholar (长江学者)"
    national-talent-programme: "selected for the national Thousand or Ten-Thousand Talents plans (国家级人才计划)"
    renowned-overseas-expert: "well-known expert from abroad or outside the mainland (海外知名专家)"
    national-technical-expert: "national technical expert (全国技术能手)"
    scarce-special-skill: "scarce special-skill talent recognised by the zone (紧缺特殊技能人才)"
  classes:
    - class: 1
      honours_any: [academician]
    - class: 2
      honours_any: [changjiang-scholar, national-talent-programme]
    - class: 3
      honours_any: [renowned-overseas-expert]
    - class: 4
      honours_any: [national-technical-expert]
      degree_at_least: doctorate
      title_at_least: full-senior
    - class: 5
      degree_at_least: master
      title_at_least: associate-senior
      skill_at_least: senior-technician
    - class: 6
      honours_any: [scarce-special-skill]
      skill_at_least: senior-worker

# Every predicate must hold, checked in this order.
eligibility:
  certified_class_in: [1, 2, 3, 4, 5, 6]
  certification_valid: true
  contract_months_left_at_least: 12
  employer_in_zone: true
  social_insurance_in_zone: true
  owns_housing: false
  no_active_lease: true
  not_barred: true

entitlement:
  categories:
    studio: {max_area_m2: 40, min_household: 1, max_household: 2}
    1BR: {max_area_m2: 60, min_household: 1, max_household: 3}
    2BR: {max_area_m2: 90, min_household: 2, max_household: 5}
    3BR: {max_area_m2: 120, min_household: 3, max_household: 8}
  classes:
    - classes: [1, 2, 3]
      categories: [studio, 1BR, 2BR, 3BR]
    - classes: [4, 5]
      categories: [studio, 1BR, 2BR]
    - classes: [6]
      categories: [studio, 1BR]

priority:
  groups:
    - group: 1
      classes: [1, 2, 3]
    - group: 2
      classes: [4, 5]
    - group: 3
      classes: [6]
  points:
    class: {1: 60, 2: 50, 3: 40, 4: 30, 5: 20, 6: 10}
    qualification:
      degree: {doctorate: 20, master: 12, bachelor: 6}
      title: {full-senior: 20, associate-senior: 12, intermediate: 6}
      skill_level: {senior-technician: 20, technician: 12, senior-worker: 6}
    local_insurance: {points_per_year: 2, max_points: 10}
    household: {points_per_extra_member: 2, max_points: 6}
    industry_chain:
      chains: [aero-engine, micro-motor, microelectronics, software-big-data]
      points: 10
    months_waiting: {points_per_month: 1, max_points: 12}

quotas:
  per_employer_cap: 5
  reserved:
    - group: 3
      category: 1BR
      percent: 20

rent:
  discounts:
    - classes: [1, 2, 3]
      years: 3
      percent_payable: 0
    - classes: [4, 5]
      years: 3
      percent_payable: 50
    - classes: [6]
      years: 3
      percent_payable: 80
  max_discounted_years: 5

lease:
  max_term_months: 24
  renewal_window_months: 3
  cumulative_cap_years: 6
  move_out_days: 60

offers:
  expiry_days: 7
  decline_reasons:
    location: "the location does not suit (位置不合适)"
    unit-size: "the unit does not suit the household (户型不合适)"
    rent: "the rent is too high (租金过高)"
    family: "family circumstances changed (家庭情况变化)"
    job-change: "changing or leaving the job (工作变动)"
    other: "other (其他)"
  penalty:
    declines: 2
    barred_months: 12
    expiry_counts_as_decline: true

certification:
  notice_days: 7
  validity_years: 6

practice:
  minimum_months: 6
  minimum_months_direct_from_bachelor: 12

"""#
}
