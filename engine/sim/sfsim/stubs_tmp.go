package sfsim

import "net/http"

func notYet(s *Server, r *request) response { return errNotFound() }

func (s *Server) handleComposite(r *request) response                  { return notYet(s, r) }
func (s *Server) handleCompositeBatch(r *request) response             { return notYet(s, r) }
func (s *Server) handleFeedElements(r *request) response               { return notYet(s, r) }
func (s *Server) handlePostFeedElement(r *request) response            { return notYet(s, r) }
func (s *Server) handleGetFeedElement(r *request) response             { return notYet(s, r) }
func (s *Server) handleEditFeedElement(r *request) response            { return notYet(s, r) }
func (s *Server) handleDeleteFeedElement(r *request) response          { return notYet(s, r) }
func (s *Server) handleComments(r *request) response                   { return notYet(s, r) }
func (s *Server) handlePostComment(r *request) response                { return notYet(s, r) }
func (s *Server) handleGetComment(r *request) response                 { return notYet(s, r) }
func (s *Server) handleEditComment(r *request) response                { return notYet(s, r) }
func (s *Server) handleDeleteComment(r *request) response              { return notYet(s, r) }
func (s *Server) handleToolingGlobal(r *request) response              { return notYet(s, r) }
func (s *Server) handleToolingDescribe(r *request) response            { return notYet(s, r) }
func (s *Server) handleToolingCreate(r *request) response              { return notYet(s, r) }
func (s *Server) handleToolingRetrieve(r *request) response            { return notYet(s, r) }
func (s *Server) handleToolingDelete(r *request) response              { return notYet(s, r) }
func (s *Server) handleToolingQuery(r *request) response               { return notYet(s, r) }
func (s *Server) serveControls(w http.ResponseWriter, r *http.Request) {}
func toolingObjects() []*Object                                        { return nil }
func (s *Server) seedDemo() error                                      { return nil }
