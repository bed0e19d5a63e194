package czsim

func (s *Server) seedDemo() error { return nil }
