-- Housing codes are unique whatever their case: `x-0002` next to `X-0002` would be two units that
-- people read as one. (The codes themselves keep the case they were given.)
CREATE UNIQUE INDEX housing_projects_code_any_case ON housing_projects (upper(code));
CREATE UNIQUE INDEX housing_buildings_code_any_case ON housing_buildings (upper(code));
CREATE UNIQUE INDEX housing_units_code_any_case ON housing_units (upper(code));
