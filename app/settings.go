package app

import (
	"github.com/liaison-sync/liaison/engine"
)

// SettingsService backs the Settings screen.
type SettingsService struct{ svc *service }

// Get returns the current settings.
func (s *SettingsService) Get() (engine.Settings, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return engine.Settings{}, err
	}
	st := eng.Settings(s.svc.context())
	if st.DailyTimes == nil {
		st.DailyTimes = []string{}
	}
	return st, nil
}

// Save checks and stores the settings and applies the schedule at once;
// the data folder cannot change while Liaison runs and is ignored. A value
// the engine rejects comes back as invalid_input with its reason.
func (s *SettingsService) Save(settings engine.Settings) (engine.Settings, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return engine.Settings{}, err
	}
	if err := eng.SaveSettings(s.svc.context(), settings); err != nil {
		return engine.Settings{}, invalidInput(err.Error(), err)
	}
	return s.Get()
}
